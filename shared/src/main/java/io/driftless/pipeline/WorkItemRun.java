package io.driftless.pipeline;

import io.driftless.apply.ApiErrors;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Runs one work item: one Kustomization on one cluster, as one step of a {@link ReconcileRun} does
 * (reconcile, register what its build contained, its HelmReleases), then names the items that come
 * next in the wave: its children when it ran, and its dependents whose dependencies have all settled.
 */
final class WorkItemRun {
  private static final Logger LOG = Logger.getLogger(WorkItemRun.class.getName());
  private final ReconcileContext ctx;

  WorkItemRun(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  /** What the item did, and the items to queue after it. */
  record Result(List<ReconcileOutcome> outcomes, List<ReconcileRequest> next) {}

  Result run(ReconcileRequest item) {
    StateStore store = ctx.store();
    Optional<KustomizationRecord> found = store.getKustomization(item.cluster(), item.target());
    Optional<RootRecord> root = found.flatMap(k -> store.getRoot(k.root()));
    if (root.isEmpty()) {
      return new Result(List.of(), List.of()); // removed from Git since it was queued
    }
    KustomizationRecord rec = found.get();
    Trigger trigger = new Trigger(key -> item.forced() && key.equals(rec.key()), Instant.parse(item.requestedAt()),
        item.withSource());
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    boolean ran = false;
    ItemHelm helm = new ItemHelm(root.get(), rec, trigger);
    try {
      KustomizationReconciler.Result r =
          new KustomizationReconciler(ctx, helm::applied).reconcile(rec.cluster(), rec.key(), trigger);
      if (r.ran()) {
        outcomes.add(r.outcome());
      }
      if (r.discovered().isPresent()) {
        ran = true;
        if (r.unchanged()) {
          helm.releases.queueChildrenOf(rec.key()); // registered by the run that applied this build
        } else {
          new ReconcileRun(ctx).register(root.get(), rec, r.discovered().get());
          helm.registerIfNot(rec, WorkItems.parse(rec), r.discovered().get()); // the apply failed before the hand-over
        }
      }
    } catch (RuntimeException e) {
      outcomes.add(failure(rec, e));
    }
    try {
      helm.releases.reconcileAll(ItemHelm.ONE_ITEM);
    } catch (RuntimeException e) {
      outcomes.add(failure(rec, e));
    }
    outcomes.addAll(helm.outcomes);
    outcomes.addAll(helm.releases.takeOutcomes());
    outcomes.forEach(o -> LOG.info("[status] " + o.cluster() + " " + o.kustomization() + " " + o.revision() + " "
        + (o.ready() ? "Ready" : "not ready: " + o.reason() + ": " + o.message())));
    return new Result(outcomes, next(item, root.get(), rec, ran));
  }

  /**
   * The item's HelmReleases, as a {@link ReconcileRun} hands them over: those due on their own
   * {@code interval} are queued up front; after the apply the build's Helm objects are registered and
   * its HelmReleases queued, those a health check covers reconciled at once (they must be Ready), and
   * the rest after the Kustomization. The item is the only Kustomization of its run, so every other
   * parent counts as settled.
   */
  private final class ItemHelm {
    static final HelmReleaseQueue.RunState ONE_ITEM = new HelmReleaseQueue.RunState() {
      @Override
      public boolean settled(String key) {
        return true;
      }

      @Override
      public boolean allDone() {
        return true;
      }
    };

    private final RootRecord root;
    private final HelmReleases helm = new HelmReleases(ctx);
    private final HelmReleaseQueue releases;
    private final List<ReconcileOutcome> outcomes = new ArrayList<>();
    private boolean registered;

    ItemHelm(RootRecord root, KustomizationRecord rec, Trigger trigger) {
      this.root = root;
      this.releases = new HelmReleaseQueue(ctx, helm, root);
      releases.queueScheduledOf(trigger, rec.key());
    }

    void applied(KustomizationRecord rec, Kustomization ks, Discovered found) {
      registerIfNot(rec, ks, found);
      List<String> targets = HelmHealth.targets(ks, found.helm());
      if (!targets.isEmpty()) {
        releases.reconcile(targets, ONE_ITEM);
        HelmHealth.check(ctx.store(), rec.cluster(), targets, releases::reconciledInThisRun);
      }
    }

    void registerIfNot(KustomizationRecord rec, Kustomization ks, Discovered found) {
      if (!registered) {
        registered = true;
        outcomes.addAll(helm.register(root, rec, ks, found.helmObjects()));
        NotificationRegistry.register(ctx.store(), root, rec, found.notifications());
        releases.queueChildrenOf(rec.key());
      }
    }
  }

  /** What escaped the item: another run holds its lease (Locked), or anything else (ReconciliationFailed). */
  private static ReconcileOutcome failure(KustomizationRecord rec, RuntimeException e) {
    boolean locked = e instanceof LeaseWaiter.LockBusyException;
    String message = locked ? e.getMessage() : ApiErrors.describe("Kustomization " + rec.key(), "reconcile", e);
    if (locked) {
      LOG.info(message);
    } else {
      LOG.warning(message);
    }
    return new ReconcileOutcome(rec.cluster(), rec.key(), "", false,
        locked ? Reason.LOCKED : Reason.RECONCILIATION_FAILED, message, null);
  }

  /**
   * Its children (all when it ran, else those that may be due) and its dependents (those whose parent
   * ran in this wave or that may be due), each once its in-tree dependencies have settled.
   */
  private List<ReconcileRequest> next(ReconcileRequest item, RootRecord root, KustomizationRecord rec, boolean ran) {
    Map<String, KustomizationRecord> tree = WorkPlanner.tree(ctx.store(), root);
    Instant wave = Instant.parse(item.requestedAt());
    FanOutOrder order = new FanOutOrder(ctx.store(), tree, wave);
    Set<String> helmDue = WorkPlanner.helmDue(ctx.store(), root, wave);
    List<KustomizationRecord> candidates = new ArrayList<>();
    tree.values().stream()
        .filter(k -> k.parent().equals(rec.key()) && (ran || WorkPlanner.mayBeDueWithin(k, tree, wave, helmDue)))
        .forEach(candidates::add);
    order.dependentsOf(rec.key()).stream()
        .filter(k -> !candidates.contains(k))
        .filter(k -> order.ranInWave(k.parent()) || WorkPlanner.mayBeDueWithin(k, tree, wave, helmDue))
        .forEach(candidates::add);
    return candidates.stream()
        .filter(order::mayRun)
        .map(k -> WorkPlanner.item(item.wave(), k, item.reason(), item.requestedAt(), false, item.withSource()))
        .toList();
  }
}
