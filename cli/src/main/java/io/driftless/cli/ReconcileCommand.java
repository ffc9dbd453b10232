package io.driftless.cli;

import io.driftless.model.ObjectId;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.pipeline.ReconcileReport;
import io.driftless.record.HelmRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reconcile", description = "Reconcile now, like `flux reconcile`.",
    subcommands = {ReconcileCommand.Kustomization.class, ReconcileCommand.HelmRelease.class})
final class ReconcileCommand {

  @Command(name = "helmrelease", aliases = {"hr"}, description = "Reconcile one HelmRelease and wait for it.")
  static final class HelmRelease implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Name of the HelmRelease") String name;
    @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system",
        description = "Its namespace (default: ${DEFAULT-VALUE})") String namespace;
    @Option(names = "--with-source",
        description = "Fetch Git and rebuild the Kustomization that holds it first (the chart index is fetched either way)")
    boolean withSource;
    @Option(names = "--cluster", description = "Only on this cluster") String cluster;

    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        return reconcile(engine, HelmRecord.keyOf(io.driftless.model.helm.HelmRelease.KIND, namespace, name), cluster,
            withSource, spec.commandLine().getOut()) ? 0 : 1;
      }
    }
  }

  /** Reconciles a HelmRelease with flux's progress lines; true when it is Ready. */
  static boolean reconcile(Engine engine, String key, String cluster, boolean withSource, PrintWriter out) {
    out.println("► reconciling " + key + (withSource ? " with its source" : ""));
    out.println("◎ waiting for HelmRelease reconciliation");
    ReconcileReport report = engine.reconcileHelmRelease(key, cluster, withSource);
    boolean ready = print(report, out);
    if (report.outcomes().stream().noneMatch(o -> o.kustomization().equals(key))) {
      out.println("✗ " + key + " is suspended: `driftless resume hr` reconciles it again");
      return false;
    }
    return ready;
  }

  @Command(name = "kustomization", aliases = {"ks"}, description = "Reconcile one Kustomization and wait for it.")
  static final class Kustomization implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Name, or namespace/name (namespace defaults to flux-system)") String name;
    @Option(names = "--with-source", description = "Fetch the source first") boolean withSource;
    @Option(names = "--cluster", description = "Only on this cluster") String cluster;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Engine engine = Engines.open()) {
        out.println("► reconciling Kustomization " + name + (withSource ? " with its source" : ""));
        String key = name.contains("/") ? name : "flux-system/" + name;
        if (engine.kustomizations().stream().anyMatch(k -> k.key().equals(key) && (cluster == null || cluster.equals(k.cluster()))
            && Listing.suspended(io.driftless.view.FluxObjectDocuments.of(k)))) {
          out.println("✗ " + ObjectId.subject(io.driftless.model.Kustomization.KIND, key) + " is suspended: `driftless resume ks` reconciles it again");
          return 1;
        }
        out.println("◎ waiting for Kustomization reconciliation");
        ReconcileReport report = engine.reconcile(new io.driftless.pipeline.ManualReconcile(name, cluster, withSource));
        return print(report, out) ? 0 : 1;
      }
    }
  }

  /**
   * Prints each outcome the flux way, then, indented under it, what that Kustomization or HelmRelease
   * changed (a parent's lines name the child Kustomizations it applied; the child's own changes come
   * under the child); true when all are Ready.
   */
  static boolean print(ReconcileReport report, PrintWriter out) {
    for (ReconcileOutcome o : report.outcomes()) {
      if (o.ready()) {
        out.println("✔ " + o.kustomization() + " on " + o.cluster() + ": applied revision " + o.revision());
      } else {
        out.println("✗ " + o.kustomization() + " on " + o.cluster() + ": " + o.reason() + ": " + o.message());
      }
      o.changes().changed().forEach(e -> out.println("  " + e.line()));
    }
    return report.allReady();
  }
}
