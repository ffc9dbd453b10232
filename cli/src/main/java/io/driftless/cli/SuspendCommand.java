package io.driftless.cli;

import io.driftless.model.helm.HelmRelease;
import io.driftless.pipeline.Engine;
import io.driftless.record.HelmRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftless suspend|resume hr NAME}, like {@code flux suspend|resume}: the mark is kept in
 * the table (a HelmRelease is not in the cluster, and Git's {@code spec.suspend} is the user's), so a
 * new commit does not clear it. A resume reconciles at once, as flux's does.
 */
final class SuspendCommand {
  private SuspendCommand() {}

  /** The HelmRelease a suspend or resume names. */
  abstract static class Target implements Callable<Integer> {
    @Parameters(index = "0", description = "Name of the HelmRelease") String name;
    @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system",
        description = "Its namespace (default: ${DEFAULT-VALUE})") String namespace;
    @Option(names = "--cluster", description = "Only on this cluster") String cluster;

    String key() {
      return HelmRecord.keyOf(HelmRelease.KIND, namespace, name);
    }
  }

  @Command(name = "suspend", description = "Suspend reconciliation, like `flux suspend`.", subcommands = SuspendHr.class)
  static final class Suspend {}

  @Command(name = "resume", description = "Resume reconciliation and reconcile at once, like `flux resume`.",
      subcommands = ResumeHr.class)
  static final class Resume {}

  @Command(name = "helmrelease", aliases = {"hr"}, description = "Suspend one HelmRelease.")
  static final class SuspendHr extends Target {
    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        System.out.println("► suspending " + key());
        for (HelmRecord r : engine.suspendHelmRelease(key(), cluster, true)) {
          System.out.println("✔ " + key() + " on " + r.cluster() + " suspended");
        }
      }
      return 0;
    }
  }

  @Command(name = "helmrelease", aliases = {"hr"}, description = "Resume one HelmRelease and reconcile it.")
  static final class ResumeHr extends Target {
    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        System.out.println("► resuming " + key());
        for (HelmRecord r : engine.suspendHelmRelease(key(), cluster, false)) {
          System.out.println("✔ " + key() + " on " + r.cluster() + " resumed");
        }
        return ReconcileCommand.reconcile(engine, key(), cluster, false) ? 0 : 1;
      }
    }
  }
}
