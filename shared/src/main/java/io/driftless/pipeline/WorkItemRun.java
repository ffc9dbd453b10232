package io.driftless.pipeline;

import io.driftless.apply.ApiErrors;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.model.Reason;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

/**
 * The one step of every run, whatever triggered it and wherever it runs: one work item, one
 * Kustomization on one cluster (reconcile, register what its build contained, its HelmReleases), then
 * the items that come next in the wave: its children when it ran, and the items that follow it
 * ({@link FanOutOrder}) once everything they follow has settled.
 */
final class WorkItemRun {
  private static final Logger LOG = Logger.getLogger(WorkItemRun.class.getName());
  private final ReconcileContext ctx;
  /** Children a push left unchanged, moved to the new revision while planning what follows. */
  private final List<ReconcileOutcome> advanced = new ArrayList<>();
  /** The children this item's build registered, which an eventually consistent index may not list yet. */
  private Set<String> registered = Set.of();

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
    Trigger trigger = new Trigger(key -> item.forcedTree() || item.forced() && key.equals(rec.key()),
        Instant.parse(item.requestedAt()), item.withSource() || WorkPlanner.checksOnTick(item, rec));
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    boolean ran = false;
    ItemHelm helm = new ItemHelm(root.get(), rec, trigger);
    try {
      KustomizationReconciler.Result r = new KustomizationReconciler(ctx, helm::applied).reconcile(rec, trigger);
      if (r.ran()) {
        outcomes.add(r.outcome());
      }
      if (r.discovered().isEmpty() && r.ran() && r.unchanged()) {
        ran = true; // moved to the new revision without a build: its children may move too
      } else if (r.discovered().isPresent()) {
        ran = true;
        if (r.unchanged()) {
          helm.releases.queueChildrenOf(rec.key()); // registered by the run that applied this build
        } else {
          if (TreeRegistry.hasOrHadChildren(r.discovered().get(), ctx.trees().view(store, root.get(), item.wave()),
              rec.key())) {
            ctx.times().run("register", () -> registered = new TreeRegistry(ctx).register(root.get(), rec, r.discovered().get()));
          }
          helm.registerIfNot(rec, WorkItems.parse(rec), r.discovered().get()); // the apply failed before the hand-over
        }
      }
    } catch (RuntimeException | Error e) {
      outcomes.add(failure(rec, e));
    }
    try {
      helm.releases.reconcileAll(ItemHelm.ONE_ITEM);
    } catch (RuntimeException | Error e) {
      outcomes.add(failure(rec, e));
    }
    outcomes.addAll(helm.outcomes);
    outcomes.addAll(helm.releases.takeOutcomes());
    outcomes.forEach(OutcomeLog::log);
    List<ReconcileRequest> next = next(item, root.get(), rec, ran);
    advanced.forEach(OutcomeLog::logMoved);
    outcomes.addAll(advanced);
    return new Result(outcomes, next);
  }

  /**
   * The item's HelmReleases: those due on their own
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

  /**
   * What escaped the item: another run holds its lease (Locked), or anything else, an {@link Error}
   * included (ReconciliationFailed), so that the request completes instead of being delivered again.
   */
  private static ReconcileOutcome failure(KustomizationRecord rec, Throwable e) {
    boolean locked = e instanceof LeaseWaiter.LockBusyException;
    String subject = ObjectId.subject(Kustomization.KIND, rec.key());
    String message = locked ? e.getMessage() : e instanceof Error error ? InternalErrors.describe(subject, "reconcile", error)
        : ApiErrors.describe(subject, "reconcile", (RuntimeException) e);
    if (locked) {
      LOG.info(message);
    } else {
      LOG.warning(message);
    }
    return new ReconcileOutcome(rec.cluster(), rec.key(), "", false,
        locked ? Reason.LOCKED : Reason.RECONCILIATION_FAILED, message, null);
  }

  /** What an item's planning reads once: the tree as the wave sees it, its order, the HelmReleases due. */
  private record Plan(TreeView tree, FanOutOrder order, Set<String> helmDue, Instant wave,
      UnchangedInputs unchanged) {}

  private List<ReconcileRequest> next(ReconcileRequest item, RootRecord root, KustomizationRecord rec, boolean ran) {
    TreeView tree = ctx.trees().view(ctx.store(), root, item.wave());
    tree.registered(rec.key(), registered);
    Instant wave = Instant.parse(item.requestedAt());
    Plan plan = new Plan(tree, new FanOutOrder(ctx.store(), root, tree, wave), WorkPlanner.helmDue(ctx.store(), root, wave),
        wave, UnchangedInputs.holdingEvents(ctx, new FetchedSources(ctx)));
    return next(item, rec, ran, plan);
  }

  /**
   * Its children (all when it ran, else those that may be due) and its dependents (those whose parent
   * ran in this wave or that may be due), each once its in-tree dependencies have settled. A child a
   * push left unchanged ({@link UnchangedInputs}) moves to the new revision here, with no item of its
   * own, and what follows it is planned in turn.
   */
  private List<ReconcileRequest> next(ReconcileRequest item, KustomizationRecord rec, boolean ran, Plan plan) {
    TreeView tree = plan.tree();
    List<KustomizationRecord> candidates = new ArrayList<>();
    if (ran) {
      candidates.addAll(tree.childrenOf(rec.key()));
    } else { // which of them may be due needs the whole tree: their children come from that one listing
      tree.whole().values().stream()
          .filter(k -> k.parent().equals(rec.key()) && WorkPlanner.mayBeDueWithin(k, tree.whole(), plan.wave(), plan.helmDue()))
          .forEach(candidates::add);
    }
    Set<String> keys = new HashSet<>();
    candidates.forEach(k -> keys.add(k.key()));
    plan.order().dependentsOf(rec.key()).stream()
        .filter(k -> !keys.contains(k.key()))
        .filter(k -> item.forcedTree() || plan.order().ranInWave(k.parent())
            || WorkPlanner.mayBeDueWithin(k, tree.whole(), plan.wave(), plan.helmDue()))
        .forEach(candidates::add);
    Optional<String> fetched = ran ? WorkItems.tryParse(rec).map(Sources::keyOf) : Optional.empty();
    List<KustomizationRecord> runnable = candidates.stream().filter(plan.order()::mayRun).toList();
    List<Optional<ReconcileOutcome>> moved = item.forcedTree()
        ? runnable.stream().map(k -> Optional.<ReconcileOutcome>empty()).toList()
        : advanceAll(runnable, fetched, plan);
    List<ReconcileRequest> next = new ArrayList<>();
    for (int i = 0; i < runnable.size(); i++) {
      KustomizationRecord k = runnable.get(i);
      ReconcileRequest child = ReconcileRequest.item(item.wave(), k.cluster(), k.key(), item.reason(),
          item.requestedAt(), false, item.withSource() && !fetchedInWave(k, fetched), item.forcedTree());
      if (moved.get(i).isPresent()) {
        advanced.add(moved.get(i).get());
        next.addAll(next(child, k, true, plan));
      } else {
        next.add(child);
      }
    }
    return next;
  }

  /** Moves on, {@code DRIFTLESS_CONCURRENCY} at a time, those of {@code items} a push left unchanged. */
  private List<Optional<ReconcileOutcome>> advanceAll(List<KustomizationRecord> items, Optional<String> fetched, Plan plan) {
    Trigger unforced = new Trigger(key -> false, plan.wave(), false);
    List<KustomizationRecord> movable = items.stream().filter(k -> fetchedInWave(k, fetched)).toList();
    if (movable.isEmpty()) {
      return items.stream().map(k -> Optional.<ReconcileOutcome>empty()).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.min(movable.size(), Math.max(1, ctx.throughput().concurrency())));
    try {
      List<Future<Optional<ReconcileOutcome>>> futures = new ArrayList<>();
      for (KustomizationRecord k : items) {
        futures.add(fetchedInWave(k, fetched)
            ? pool.submit(() -> plan.unchanged().advance(k, unforced))
            : CompletableFuture.completedFuture(Optional.empty()));
      }
      List<Optional<ReconcileOutcome>> out = new ArrayList<>();
      for (var f : futures) {
        out.add(f.get());
      }
      plan.unchanged().sendEvents();
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while moving unchanged Kustomizations on", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Whether {@code k} reads the source this item fetched in the wave: then it builds the revision
   * just fetched instead of asking the remote again (one Git round trip per source per wave).
   */
  private static boolean fetchedInWave(KustomizationRecord k, Optional<String> fetched) {
    return fetched.isPresent() && WorkItems.tryParse(k).map(Sources::keyOf).filter(fetched.get()::equals).isPresent();
  }
}
