package io.driftless.cli;

import picocli.CommandLine.Command;

@Command(
    name = "driftless",
    mixinStandardHelpOptions = true,
    version = "driftless " + VersionCommand.VERSION,
    description = "GitOps for Kubernetes with no controller in the cluster: Flux's repositories, reconciled from functions.",
    subcommands = {
      ServeCommand.class,
      SandboxCommand.class,
      ClusterCommand.class,
      BootstrapCommand.class,
      GetCommand.class,
      ReconcileCommand.class,
      SuspendCommand.Suspend.class,
      SuspendCommand.Resume.class,
      BuildCommand.class,
      DiffCommand.class,
      TreeCommand.class,
      ExportCommand.class,
      VersionCommand.class,
      CompletionCommand.class,
      EventsCommand.class,
      LogsCommand.class,
      DemoCommand.class
    })
final class DriftlessCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
