package io.driftless.pipeline;

import io.driftless.apply.ApplyException;
import io.driftless.apply.ApplyOptions;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.HealthChecker;
import io.driftless.apply.Inventories;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.PruneException;
import io.driftless.apply.ResourceManager;
import io.driftless.render.BuildException;
import io.driftless.render.BuildInputs;
import io.driftless.render.BuildResult;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Reason;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.Lease;
import io.driftless.source.SourceException;
import io.driftless.source.SourceSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reconciles one Kustomization on one cluster. Reads top to bottom as the pipeline: lock, check
 * dependencies, fetch, build, split out Flux objects, apply in stages, prune, record. Each failing
 * stage sets Ready=False with its own reason; a failed build applies nothing and a failed apply
 * prunes nothing.
 */
final class KustomizationReconciler {
  private static final Logger LOG = Logger.getLogger(KustomizationReconciler.class.getName());
  private final ReconcileContext ctx;

  KustomizationReconciler(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The result of one attempt: the outcome, and the Flux objects the build contained (empty when the
   * build did not succeed, so a failed build never forgets a child).
   */
  record Result(ReconcileOutcome outcome, Optional<Discovered> discovered, boolean ran) {}

  Result reconcile(String cluster, String key, boolean force) {
    Lease lease = LeaseWaiter.acquire(ctx, cluster, key);
    try {
      KustomizationRecord rec =
          ctx.store().getKustomization(cluster, key)
              .orElseThrow(() -> new IllegalStateException("Kustomization " + key + " is not registered"));
      return reconcileLocked(rec, force);
    } finally {
      ctx.store().unlock(lease);
    }
  }

  private Result reconcileLocked(KustomizationRecord rec, boolean force) {
    Instant started = ctx.clock().instant();
    Kustomization ks = WorkItems.parse(rec);
    KustomizationStatus status = rec.status() == null ? new KustomizationStatus() : rec.status();
    if (ks.spec().suspended()) {
      return new Result(outcome(rec, status, List.of()), Optional.empty(), false);
    }
    Optional<String> notReady = Dependencies.firstNotReady(ctx.store(), rec, ks);
    if (notReady.isPresent()) {
      StatusUpdates.failed(status, Reason.DEPENDENCY_NOT_READY, notReady.get(), started);
      write(rec, status);
      return new Result(outcome(rec, status, List.of()), Optional.empty(), true);
    }
    BuildResult build = null;
    List<String> changes = new ArrayList<>();
    Optional<Discovered> discovered = Optional.empty();
    try {
      SourceSnapshot snap = fetch(rec, ks);
      String revision = snap.revision().toString();
      if (!force && !Schedules.needsRun(status, revision, ks, started)) {
        return new Result(outcome(rec, status, List.of()), Optional.empty(), false);
      }
      status.setLastAttemptedRevision(revision);
      StatusUpdates.progressing(status, "Building manifests for revision " + revision, started);
      build = build(snap, ks, inputs(rec, ks));
      FluxObjectSplit split = split(build);
      if (split.skippedFluxComponents() > 0) {
        LOG.warning(ks.key() + ": skipped " + split.skippedFluxComponents()
            + " Flux controller component(s) (flux-system/gotk-components): Driftless runs without them");
      }
      discovered = Optional.of(split.flux());
      ChangeSet applied = apply(rec, ks, split.toApply(), changes);
      List<InventoryEntry> inventory = new ArrayList<>(applied.toInventory());
      List<InventoryEntry> stale = Inventories.stale(status.getInventory(), inventory);
      if (ks.spec().pruneEnabled() && !stale.isEmpty()) {
        inventory.addAll(prune(rec, ks, stale, changes));
      }
      status.setInventory(inventory);
      checkHealth(rec, ks, split.toApply(), applied);
      StatusUpdates.succeeded(status, revision, ctx.clock().instant());
      StatusUpdates.recordHistory(status, build.digest(), revision, true, started, ctx.clock().instant());
    } catch (StageFailure e) {
      StatusUpdates.failed(status, e.reason(), e.getMessage(), ctx.clock().instant());
      if (build != null) {
        StatusUpdates.recordHistory(
            status, build.digest(), status.getLastAttemptedRevision(), false, started, ctx.clock().instant());
      }
    }
    write(rec, status);
    return new Result(outcome(rec, status, changes), discovered, true);
  }

  private SourceSnapshot fetch(KustomizationRecord rec, Kustomization ks) {
    try {
      return Sources.fetch(ctx, rec.root(), ks);
    } catch (SourceException | IllegalArgumentException e) {
      throw new StageFailure(Reason.ARTIFACT_FAILED, e.getMessage(), e);
    }
  }

  private BuildInputs inputs(KustomizationRecord rec, Kustomization ks) {
    try {
      return ctx.inputs().load(ks, client(rec));
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.BUILD_FAILED, e.getMessage(), e);
    }
  }

  private BuildResult build(SourceSnapshot snap, Kustomization ks, BuildInputs inputs) {
    try {
      return ctx.builder().build(snap.root(), ks, inputs);
    } catch (BuildException | io.driftless.model.ManifestException e) {
      throw new StageFailure(Reason.BUILD_FAILED, e.getMessage(), e);
    }
  }

  private static FluxObjectSplit split(BuildResult build) {
    try {
      return FluxObjectSplit.of(build.objects());
    } catch (io.driftless.model.ManifestException e) {
      throw new StageFailure(Reason.BUILD_FAILED, e.getMessage(), e);
    }
  }

  private ChangeSet apply(KustomizationRecord rec, Kustomization ks, List<KubeObject> objects, List<String> changes) {
    OwnerLabels owner = new OwnerLabels(ks.name(), ks.namespace());
    objects.forEach(owner::applyTo);
    try {
      ChangeSet set = manager(rec).applyAllStaged(objects, ApplyOptions.defaults());
      changes.addAll(set.lines());
      return set;
    } catch (ApplyException e) {
      changes.addAll(e.partial().lines());
      throw new StageFailure(Reason.RECONCILIATION_FAILED, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.RECONCILIATION_FAILED, "apply failed: " + e.getMessage(), e);
    }
  }

  /** Prunes; returns the survivors, which stay in the inventory so the next run retries them. */
  private List<InventoryEntry> prune(
      KustomizationRecord rec, Kustomization ks, List<InventoryEntry> stale, List<String> changes) {
    try {
      ChangeSet pruned = manager(rec).prune(stale, new OwnerLabels(ks.name(), ks.namespace()));
      changes.addAll(pruned.lines());
      return List.of();
    } catch (PruneException e) {
      changes.addAll(e.partial().lines());
      throw new StageFailure(Reason.PRUNE_FAILED, e.getMessage(), e);
    }
  }

  /**
   * With {@code wait}, every applied object must become Current; otherwise only the listed
   * {@code healthChecks}. Prune has already run, as in Flux.
   */
  private void checkHealth(KustomizationRecord rec, Kustomization ks, List<KubeObject> objects, ChangeSet applied) {
    List<HealthChecker.Target> targets = HealthTargets.of(ks, objects, applied);
    if (targets.isEmpty()) {
      return;
    }
    try {
      new HealthChecker(client(rec), java.time.Duration.ofSeconds(2))
          .waitForCurrent(targets, HealthTargets.timeout(ks));
    } catch (HealthChecker.HealthCheckException e) {
      throw new StageFailure(Reason.HEALTH_CHECK_FAILED, e.getMessage(), e);
    }
  }

  private ResourceManager manager(KustomizationRecord rec) {
    return new ResourceManager(client(rec));
  }

  private io.fabric8.kubernetes.client.KubernetesClient client(KustomizationRecord rec) {
    ClusterRecord cluster =
        ctx.store().getCluster(rec.cluster())
            .orElseThrow(() -> new StageFailure(
                Reason.RECONCILIATION_FAILED, "cluster " + rec.cluster() + " is not registered", null));
    return ctx.clients().forCluster(cluster);
  }

  private void write(KustomizationRecord rec, KustomizationStatus status) {
    ctx.store().putStatus(rec.cluster(), rec.key(), status, rec.version());
  }

  private static ReconcileOutcome outcome(KustomizationRecord rec, KustomizationStatus s, List<String> changes) {
    var ready = s.condition(io.driftless.model.Condition.READY);
    return new ReconcileOutcome(
        rec.cluster(),
        rec.key(),
        s.getLastAttemptedRevision() == null ? "" : s.getLastAttemptedRevision(),
        s.isReady(),
        ready.map(io.driftless.model.Condition::reason).orElse(""),
        ready.map(io.driftless.model.Condition::message).orElse(""),
        List.copyOf(changes));
  }
}
