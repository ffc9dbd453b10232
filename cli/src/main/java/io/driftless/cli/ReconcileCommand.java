package io.driftless.cli;

import io.driftless.model.ObjectId;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.pipeline.ReconcileReport;
import io.driftless.record.HelmRecord;
import java.io.PrintWriter;
import java.util.List;
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
    @Option(names = "--wait-tree", description = "Print and wait on all it ran (with --with-source, its Kustomization's tree); exit 1 unless all are Ready")
    boolean waitTree;

    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        return reconcile(engine, HelmRecord.keyOf(io.driftless.model.helm.HelmRelease.KIND, namespace, name), cluster,
            withSource, waitTree, spec.commandLine().getOut()) ? 0 : 1;
      }
    }
  }

  /** Reconciles a HelmRelease with flux's progress lines; true when it is Ready. */
  static boolean reconcile(Engine engine, String key, String cluster, boolean withSource, PrintWriter out) {
    return reconcile(engine, key, cluster, withSource, false, out);
  }

  /**
   * Reconciles a HelmRelease with flux's progress lines: its own outcome (and, with {@code withSource},
   * its Kustomization's, the source step) as soon as known, the rest in one summary line; with
   * {@code waitTree} every outcome. True when it is Ready (all, with {@code waitTree}).
   */
  static boolean reconcile(Engine engine, String key, String cluster, boolean withSource, boolean waitTree,
      PrintWriter out) {
    out.println("► reconciling " + key + (withSource ? " with its source" : ""));
    out.println("◎ waiting for HelmRelease reconciliation");
    Named named = new Named(key, waitTree, out);
    ReconcileReport report = engine.reconcileHelmRelease(key, cluster, withSource,
        o -> named.report(o, withSource && !o.kustomization().equals(key) && !o.kustomization().startsWith("HelmRelease/")
            && !named.seenNamed()));
    boolean ready = named.finish(report);
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
    @Option(names = "--wait-tree", description = "Print and wait on every Kustomization and HelmRelease below it too; exit 1 unless all are Ready")
    boolean waitTree;

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
        Named named = new Named(key, waitTree, out);
        ReconcileReport report = engine.reconcile(new io.driftless.pipeline.ManualReconcile(name, cluster, withSource),
            o -> named.report(o, false));
        return named.finish(report) ? 0 : 1;
      }
    }
  }

  /**
   * The output of {@code reconcile ks|hr NAME}, as flux's: the named object's outcome printed the moment
   * it is known, the rest of what the run set going (its children, its tree) counted and summed up in
   * one line at the end, its failures named; the result is the named object's. With {@code waitTree}
   * every outcome is printed and all must be Ready. The command finishes the rest of the run in this
   * process before it exits (the embedded store is one process's, so nothing else would run it).
   */
  private static final class Named {
    private final String key;
    private final boolean waitTree;
    private final PrintWriter out;
    private boolean seen;

    Named(String key, boolean waitTree, PrintWriter out) {
      this.key = key;
      this.waitTree = waitTree;
      this.out = out;
    }

    boolean seenNamed() {
      return seen;
    }

    /** Prints {@code o} now if it is the named object's ({@code alsoThis}: or one the caller names). */
    void report(ReconcileOutcome o, boolean alsoThis) {
      boolean isNamed = o.kustomization().equals(key);
      seen |= isNamed;
      if (waitTree || isNamed || alsoThis) {
        print(o, out);
        out.flush();
      }
    }

    /** The summary line of the others; true when the named object (with {@code waitTree}: all) is Ready. */
    boolean finish(ReconcileReport report) {
      if (waitTree) {
        return report.allReady();
      }
      List<ReconcileOutcome> others = report.outcomes().stream().filter(o -> !o.kustomization().equals(key)).toList();
      List<String> failed = others.stream().filter(o -> !o.ready()).map(o -> o.kustomization() + " on " + o.cluster()).toList();
      if (!others.isEmpty()) {
        out.println("◎ " + others.size() + " more reconciled in the same run: " + (others.size() - failed.size()) + " Ready"
            + (failed.isEmpty() ? "" : ", " + failed.size() + " not Ready (" + String.join(", ", failed.subList(0, Math.min(5, failed.size())))
                + (failed.size() > 5 ? ", …" : "") + "; `driftless get ks --status-selector ready=false`)"));
      }
      List<ReconcileOutcome> mine = report.outcomes().stream().filter(o -> o.kustomization().equals(key)).toList();
      return !mine.isEmpty() && mine.stream().allMatch(ReconcileOutcome::ready);
    }
  }

  /**
   * Prints each outcome the flux way, then, indented under it, what that Kustomization or HelmRelease
   * changed (a parent's lines name the child Kustomizations it applied; the child's own changes come
   * under the child); true when all are Ready.
   */
  static boolean print(ReconcileReport report, PrintWriter out) {
    report.outcomes().forEach(o -> print(o, out));
    return report.allReady();
  }

  private static void print(ReconcileOutcome o, PrintWriter out) {
    if (o.ready()) {
      out.println("✔ " + o.kustomization() + " on " + o.cluster() + ": applied revision " + o.revision());
    } else {
      out.println("✗ " + o.kustomization() + " on " + o.cluster() + ": " + o.reason() + ": " + o.message());
    }
    o.changes().changed().forEach(e -> out.println("  " + e.line()));
  }
}
