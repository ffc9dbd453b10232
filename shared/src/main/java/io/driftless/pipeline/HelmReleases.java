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
 * reconciles one HelmRelease ({@link HelmReleaseQueue} decides which and in what order). Charts are
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
          new HelmReleaseEvents(ctx).uninstalled(rec, true, "Helm uninstall succeeded for " + rec.key());
        } catch (RuntimeException e) {
          String message = ApiErrors.describe(rec.key(), "uninstall", e);
          LOG.warning(message);
          outcomes.add(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.RECONCILIATION_FAILED, message,
              null));
          new HelmReleaseEvents(ctx).uninstalled(rec, false, message);
          continue; // kept, so the next run retries the uninstall
        }
      }
      ctx.store().deleteHelmObject(rec.cluster(), rec.key());
    }
    return outcomes;
  }

  /** Reconciles one HelmRelease; whatever escapes it becomes its outcome. Empty when it is suspended. */
  List<ReconcileOutcome> reconcileOne(HelmRecord rec) {
    try {
      return reconciler().reconcile(rec.cluster(), rec.key()).stream().toList();
    } catch (LeaseWaiter.LockBusyException e) {
      return List.of(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.LOCKED, e.getMessage(), null));
    } catch (RuntimeException e) {
      String message = ApiErrors.describe(rec.key(), "reconcile", e);
      LOG.warning(message);
      return List.of(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.RECONCILIATION_FAILED, message,
          null));
    }
  }

  /** Chart sources for one run, over the cache that outlives it. */
  static ChartSources chartSources() {
    return new ChartSources(new ChartCache(WORK.resolve("charts")));
  }

  private HelmReleaseReconciler reconciler() {
    if (reconciler == null) {
      reconciler = new HelmReleaseReconciler(ctx, new HelmChartResolver(ctx, chartSources()),
          new ChartRenderer(WORK.resolve("render")));
    }
    return reconciler;
  }
}
