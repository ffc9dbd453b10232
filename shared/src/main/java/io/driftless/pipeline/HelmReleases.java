package io.driftless.pipeline;

import io.driftless.apply.ApiErrors;
import io.driftless.helm.render.ChartRenderer;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.source.helm.ChartCache;
import io.driftless.source.helm.ChartSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The Helm part of one run: registers the Helm objects a Kustomization's build contained as work
 * items (uninstalling the releases of HelmReleases that left Git, when the parent prunes), and
 * reconciles the HelmReleases whose parent ran, each after its in-tree {@code dependsOn}. Charts are
 * fetched through one {@link ChartSources} per run over a cache that outlives it.
 */
final class HelmReleases {
  private static final Logger LOG = Logger.getLogger(HelmReleases.class.getName());
  private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "driftless-helm");
  private final ReconcileContext ctx;
  private HelmReleaseReconciler reconciler;

  HelmReleases(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  /** Stores the build's Helm objects under {@code parent}; the ones that left it are uninstalled and forgotten. */
  List<ReconcileOutcome> register(RootRecord root, KustomizationRecord parent, Kustomization parentKs,
      List<KubeObject> found) {
    Set<String> current = new HashSet<>();
    for (KubeObject o : found) {
      HelmObject h = HelmObjects.parse(o).orElseThrow();
      String key = HelmRecord.keyOf(h.kind(), h.namespace(), h.name());
      current.add(key);
      ctx.store().putHelmObject(root.cluster(), key, root.name(), parent.key(), WorkItems.manifest(o));
    }
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    for (HelmRecord rec : ctx.store().listHelmObjects()) {
      if (!rec.cluster().equals(root.cluster()) || !rec.parent().equals(parent.key()) || current.contains(rec.key())) {
        continue;
      }
      if (HelmRelease.KIND.equals(rec.kind()) && parentKs.spec().pruneEnabled()) {
        try {
          var changes = new HelmUninstaller(ctx).uninstall(rec);
          outcomes.add(new ReconcileOutcome(rec.cluster(), rec.key(), "", true, Reason.UNINSTALL_SUCCEEDED,
              "Helm uninstall succeeded for " + rec.key(), changes));
        } catch (RuntimeException e) {
          String message = ApiErrors.describe(rec.key(), "uninstall", e);
          LOG.warning(message);
          outcomes.add(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.RECONCILIATION_FAILED, message,
              null));
          continue; // kept, so the next run retries the uninstall
        }
      }
      ctx.store().deleteHelmObject(rec.cluster(), rec.key());
    }
    return outcomes;
  }

  /** Reconciles the HelmReleases of this root whose parent Kustomization ran in this run. */
  List<ReconcileOutcome> reconcile(RootRecord root, Set<String> parentsRan) {
    List<HelmRecord> pending = new ArrayList<>(ctx.store().listHelmObjects().stream()
        .filter(h -> h.cluster().equals(root.cluster()) && h.root().equals(root.name()))
        .filter(h -> HelmRelease.KIND.equals(h.kind()) && parentsRan.contains(h.parent()))
        .toList());
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (!pending.isEmpty()) {
      HelmRecord next = pending.stream().filter(h -> dependenciesDone(h, pending, done)).findFirst()
          .orElse(pending.get(0)); // a cycle: its own run reports DependencyNotReady
      pending.remove(next);
      done.add(next.key());
      reconcileOne(next).ifPresent(outcomes::add);
    }
    return outcomes;
  }

  /** One HelmRelease now; empty when it is suspended. Whatever escapes it becomes its outcome. */
  Optional<ReconcileOutcome> reconcileOne(HelmRecord rec) {
    try {
      return reconciler().reconcile(rec.cluster(), rec.key());
    } catch (LeaseWaiter.LockBusyException e) {
      return Optional.of(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.LOCKED, e.getMessage(), null));
    } catch (RuntimeException e) {
      String message = ApiErrors.describe(rec.key(), "reconcile", e);
      LOG.warning(message);
      return Optional.of(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.RECONCILIATION_FAILED, message,
          null));
    }
  }

  private static boolean dependenciesDone(HelmRecord h, List<HelmRecord> pending, Set<String> done) {
    HelmRelease hr;
    try {
      hr = (HelmRelease) WorkItems.parse(h);
    } catch (RuntimeException unreadable) {
      return true;
    }
    for (Kustomization.DependencyRef dep : hr.spec().dependencies()) {
      String ns = dep.namespace() == null || dep.namespace().isBlank() ? hr.namespace() : dep.namespace();
      String key = HelmRecord.keyOf(HelmRelease.KIND, ns, dep.name());
      if (!done.contains(key) && pending.stream().anyMatch(p -> p.key().equals(key))) {
        return false;
      }
    }
    return true;
  }

  private HelmReleaseReconciler reconciler() {
    if (reconciler == null) {
      ChartSources sources = new ChartSources(new ChartCache(WORK.resolve("charts")));
      reconciler = new HelmReleaseReconciler(ctx, new HelmChartResolver(ctx, sources),
          new ChartRenderer(WORK.resolve("render")));
    }
    return reconciler;
  }
}
