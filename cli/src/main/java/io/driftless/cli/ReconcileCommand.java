package io.driftless.cli;

import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.pipeline.ReconcileReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reconcile", description = "Reconcile now, like `flux reconcile`.",
    subcommands = ReconcileCommand.Kustomization.class)
final class ReconcileCommand {

  @Command(name = "kustomization", aliases = {"ks"}, description = "Reconcile one Kustomization and wait for it.")
  static final class Kustomization implements Callable<Integer> {
    @Parameters(index = "0", description = "Name, or namespace/name (namespace defaults to flux-system)") String name;
    @Option(names = "--with-source", description = "Fetch the source first") boolean withSource;
    @Option(names = "--cluster", description = "Only on this cluster") String cluster;

    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        System.out.println("► reconciling Kustomization " + name + (withSource ? " with its source" : ""));
        ReconcileReport report = engine.reconcile(new io.driftless.pipeline.ManualReconcile(name, cluster, withSource));
        return print(report) ? 0 : 1;
      }
    }
  }

  /** Prints each outcome the flux way, with what changed; true when all are Ready. */
  static boolean print(ReconcileReport report) {
    for (ReconcileOutcome o : report.outcomes()) {
      o.changes().changed().forEach(e -> System.out.println("  " + e.line()));
      if (o.ready()) {
        System.out.println("✔ " + o.kustomization() + " on " + o.cluster() + ": applied revision " + o.revision());
      } else {
        System.out.println("✗ " + o.kustomization() + " on " + o.cluster() + ": " + o.reason() + ": " + o.message());
      }
    }
    return report.allReady();
  }
}
