package io.driftless.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

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
      ValidateCommand.class,
      TreeCommand.class,
      ExportCommand.class,
      ArtifactCommand.PushGroup.class,
      ArtifactCommand.PullGroup.class,
      VersionCommand.class,
      CompletionCommand.class,
      EventsCommand.class,
      LogsCommand.class,
      DemoCommand.class
    })
final class DriftlessCommand implements Runnable {
  static final String VERBOSE = "--verbose";

  @Spec CommandSpec spec;

  @Option(names = {"-v", VERBOSE}, scope = ScopeType.INHERIT,
      description = "Logs on stderr: -v adds info, -vv Driftless's debug lines (default: warnings and errors only)")
  boolean[] verbose = new boolean[0];

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** How many times -v was given, wherever on the command line (the option is every subcommand's too). */
  static int verbosity(ParseResult parsed) {
    int count = 0;
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      CommandLine.Model.OptionSpec option = p.matchedOption(VERBOSE);
      count += option == null ? 0 : ((boolean[]) option.getValue()).length;
    }
    return count;
  }
}
