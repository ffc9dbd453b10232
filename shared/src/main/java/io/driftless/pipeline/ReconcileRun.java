package io.driftless.pipeline;

import io.driftless.apply.ApiErrors;
import io.driftless.apply.ChangeSetEntry;
import io.driftless.model.FluxObjects;
import io.driftless.model.GitRepository;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One pass over a root's tree on its cluster: the root Kustomization first, then every Kustomization
 * its builds contained, recursively, each after its parent and its dependsOn. A dependency that
 * becomes Ready in this run unblocks its dependents at once, with no polling interval. Independent
 * items run in parallel, up to {@code DRIFTLESS_CONCURRENCY} at once; what they find (children, Helm
 * objects, outcomes) is taken in on the run's own thread.
 */
final class ReconcileRun {
  private static final Logger LOG = Logger.getLogger(ReconcileRun.class.getName());
  private final ReconcileContext ctx;
  private final Finalizer finalizer;
  private final HelmReleases helm;
  private final List<ReconcileOutcome> helmOutcomes = new ArrayList<>();
  private final Set<String> helmRegistered = ConcurrentHashMap.newKeySet();
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private static final java.time.Duration HAND_OVER_LIMIT = java.time.Duration.ofMinutes(15);
  /** Started and not yet handed over or finished; and those of them waiting in a hand-over. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private volatile Map<String, KustomizationRecord> tree = Map.of();
  private KustomizationReconciler reconciler;
  private HelmReleaseQueue releases;

  /** A run is used once. */
  ReconcileRun(ReconcileContext ctx) {
    this.ctx = ctx;
    this.finalizer = new Finalizer(ctx);
    this.helm = new HelmReleases(ctx);
  }

  private final HelmReleaseQueue.RunState runState = new HelmReleaseQueue.RunState() {
    @Override
    public boolean settled(String key) {
      return done.contains(key) || helmRegistered.contains(key) || !tree.containsKey(key);
    }

    @Override
    public boolean allDone() {
      return done.containsAll(tree.keySet());
    }
  };

  /**
   * Reconciles the root's tree. One item's failure never stops the others: whatever escapes an item
   * becomes its outcome (ReconciliationFailed) and the run goes on.
   */
  List<ReconcileOutcome> run(RootRecord root, Trigger trigger) {
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    Set<String> started = new HashSet<>();
    reconciler = new KustomizationReconciler(ctx, (rec, ks, found) -> applied(root, rec, ks, found));
    releases = new HelmReleaseQueue(ctx, helm, root);
    releases.queueScheduled(trigger);
    tree = tree(root);
    HelmOrder order = HelmOrder.of(ctx.store(), root);
    try (Workers<Finished> workers = new Workers<>(ctx.throughput().concurrency(), "driftless-reconcile")) {
      while (true) {
        while (workers.hasRoom()) {
          Optional<KustomizationRecord> next = nextReady(tree, done, started, order, !workers.busy());
          if (next.isEmpty()) {
            break;
          }
          KustomizationRecord rec = next.get();
          started.add(rec.key());
          running.add(rec.key());
          workers.submit(() -> attempt(rec, trigger), e -> failedAttempt(rec, e));
        }
        if (!workers.busy()) {
          break;
        }
        Finished f = workers.next();
        done.add(f.rec().key());
        finished(f.rec().key());
        if (f.result().isPresent() && record(root, f.rec(), f.result().get(), tree, outcomes)) {
          tree = tree(root); // children may have been added or removed
        }
        f.failure().ifPresent(o -> {
          outcomes.add(o);
          log(o);
        });
        takeHelmOutcomes(outcomes);
      }
    }
    synchronized (this) {
      releases.reconcileAll(runState);
    }
    takeHelmOutcomes(outcomes);
    return outcomes;
  }

  /**
   * The hand-over after a Kustomization's apply and prune, on the worker that ran it: its Helm objects
   * are registered and its HelmReleases queued; when its health check covers HelmReleases, those are
   * reconciled now, after their dependencies, and must be Ready. Hand-overs take turns (the queue is
   * the run's), while the other workers go on applying.
   */
  private synchronized void applied(RootRecord root, KustomizationRecord rec, Kustomization ks, Discovered found) {
    registerHelm(root, rec, ks, found);
    running.remove(rec.key());
    notifyAll();
    List<String> targets = HelmHealth.targets(ks, found.helm());
    if (!targets.isEmpty()) {
      awaitOthersHandedOver(rec.key());
      releases.reconcile(targets, runState);
      HelmHealth.check(ctx.store(), rec.cluster(), targets, releases::reconciledInThisRun);
    }
  }

  /**
   * Before a health check on HelmReleases, the Kustomizations running beside this one hand over
   * first (or finish, or wait here too), so that a HelmRelease whose dependency another of them holds
   * finds it registered, as it would when the run went one Kustomization at a time.
   */
  private void awaitOthersHandedOver(String key) {
    waiting.add(key);
    long deadline = System.nanoTime() + HAND_OVER_LIMIT.toNanos();
    try {
      while (!waiting.containsAll(running) && System.nanoTime() < deadline) {
        wait(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiting.remove(key);
    }
  }

  /** A Kustomization's attempt ended (with or without a hand-over). */
  private synchronized void finished(String key) {
    running.remove(key);
    notifyAll();
  }

  private synchronized void registerHelm(RootRecord root, KustomizationRecord rec, Kustomization ks, Discovered found) {
    helmRegistered.add(rec.key());
    helmOutcomes.addAll(helm.register(root, rec, ks, found.helmObjects()));
    NotificationRegistry.register(ctx.store(), root, rec, found.notifications());
    releases.queueChildrenOf(rec.key());
  }

  private synchronized void takeHelmOutcomes(List<ReconcileOutcome> outcomes) {
    List<ReconcileOutcome> taken = new ArrayList<>(helmOutcomes);
    helmOutcomes.clear();
    taken.addAll(releases.takeOutcomes());
    for (ReconcileOutcome o : taken) {
      outcomes.add(o);
      log(o);
    }
  }

  /** One item's attempt as a worker ran it: its result, or the outcome its failure became. */
  private record Finished(
      KustomizationRecord rec, Optional<KustomizationReconciler.Result> result, Optional<ReconcileOutcome> failure) {}

  private Finished attempt(KustomizationRecord rec, Trigger trigger) {
    try {
      return new Finished(rec, Optional.of(reconciler.reconcile(rec, trigger)), Optional.empty());
    } catch (LeaseWaiter.LockBusyException e) {
      LOG.info(e.getMessage());
      return new Finished(rec, Optional.empty(),
          Optional.of(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.LOCKED, e.getMessage(), null)));
    }
  }

  private static Finished failedAttempt(KustomizationRecord rec, Throwable e) {
    String subject = "Kustomization " + rec.key();
    String message = e instanceof Error error ? InternalErrors.describe(subject, "reconcile", error)
        : ApiErrors.describe(subject, "reconcile", e instanceof RuntimeException r ? r : new RuntimeException(e));
    LOG.warning(message);
    return new Finished(rec, Optional.empty(),
        Optional.of(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.RECONCILIATION_FAILED, message, null)));
  }

  /**
   * Takes in what one attempt found, on the run's own thread: its outcome, its children and Helm
   * objects (unless the build was the one last applied). True when the tree may have changed.
   */
  private boolean record(RootRecord root, KustomizationRecord rec, KustomizationReconciler.Result r,
      Map<String, KustomizationRecord> tree, List<ReconcileOutcome> outcomes) {
    if (r.ran()) {
      outcomes.add(r.outcome());
      log(r.outcome());
    }
    if (r.discovered().isEmpty()) {
      return false;
    }
    if (r.unchanged()) {
      synchronized (this) {
        releases.queueChildrenOf(rec.key()); // registered by the run that applied this build
      }
      return false;
    }
    try {
      boolean children = hasOrHadChildren(r.discovered().get(), tree.values(), rec.key());
      if (children) {
        ctx.times().run("register", () -> register(root, rec, r.discovered().get()));
      }
      if (!helmRegistered.contains(rec.key())) {
        registerHelm(root, rec, WorkItems.parse(rec), r.discovered().get()); // the apply failed before the hand-over
      }
      return children;
    } catch (RuntimeException e) {
      String message = ApiErrors.describe("Kustomization " + rec.key(), "reconcile", e);
      LOG.warning(message);
      outcomes.add(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.RECONCILIATION_FAILED, message, null));
      return true;
    }
  }

  /**
   * Whether registering a build can change anything: it holds Kustomizations or GitRepositories, or
   * {@code tree} shows children registered from it before (they may have left Git). A leaf's build
   * needs no registration, so it neither lists the table nor makes the wave list the tree again.
   */
  static boolean hasOrHadChildren(Discovered found, java.util.Collection<KustomizationRecord> tree, String key) {
    return !found.kustomizations().isEmpty() || !found.sources().isEmpty()
        || tree.stream().anyMatch(k -> k.parent().equals(key));
  }

  /**
   * One line per change, as Flux's events carry them ({@code Kind/namespace/name action}); unchanged
   * and skipped objects are not logged, so a run that changed nothing logs only its status line.
   */
  private static void log(ReconcileOutcome o) {
    for (ChangeSetEntry e : o.changes().changed()) {
      LOG.info("[change] " + o.cluster() + " " + o.kustomization() + " " + e.line());
    }
    String state = o.ready() ? "Ready" : "not ready: " + o.reason() + ": " + o.message();
    LOG.info("[status] " + o.cluster() + " " + o.kustomization() + " " + o.revision() + " " + state);
  }

  /** The work items of this root on its cluster, keyed by Kustomization key. */
  private Map<String, KustomizationRecord> tree(RootRecord root) {
    Map<String, KustomizationRecord> tree = new LinkedHashMap<>();
    for (KustomizationRecord k : ctx.store().listKustomizations()) {
      if (k.root().equals(root.name()) && k.cluster().equals(root.cluster())) {
        tree.put(k.key(), k);
      }
    }
    return tree;
  }

  /**
   * The next item not yet started whose parent and in-tree dependencies have finished; when nothing
   * is running ({@code idle}) and only blocked items are left (a cycle, or a missing parent), the
   * first of them runs and reports DependencyNotReady.
   */
  private static Optional<KustomizationRecord> nextReady(
      Map<String, KustomizationRecord> tree, Set<String> done, Set<String> started, HelmOrder order, boolean idle) {
    List<KustomizationRecord> pending = tree.values().stream().filter(k -> !started.contains(k.key())).toList();
    for (KustomizationRecord k : pending) {
      boolean parentDone = k.parent().isEmpty() || done.contains(k.parent()) || !tree.containsKey(k.parent());
      boolean helmDone = order.follows(k.key()).stream().noneMatch(p -> tree.containsKey(p) && !done.contains(p));
      if (parentDone && helmDone && dependenciesDone(k, tree, done)) {
        return Optional.of(k);
      }
    }
    if (!idle) {
      return Optional.empty();
    }
    return pending.stream().filter(k -> k.parent().isEmpty() || done.contains(k.parent())).findFirst();
  }

  private static boolean dependenciesDone(
      KustomizationRecord k, Map<String, KustomizationRecord> tree, Set<String> done) {
    Kustomization ks;
    try {
      ks = WorkItems.parse(k);
    } catch (RuntimeException unreadable) {
      return true; // its own run reports the manifest's error
    }
    for (Kustomization.DependencyRef dep : ks.spec().dependencies()) {
      String key = Dependencies.keyOf(ks, dep);
      if (tree.containsKey(key) && !done.contains(key)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records what a build contained: its Kustomizations become work items on the same cluster, its
   * GitRepositories become sources. Children that left Git are removed, with their objects as their
   * deletionPolicy says.
   */
  void register(RootRecord root, KustomizationRecord parent, Discovered found) {
    StateStore store = ctx.store();
    for (KubeObject o : found.sources()) {
      GitRepository repo = FluxObjects.gitRepository(o);
      if (repo.key().equals(Bootstrap.ROOT_SOURCE_KEY)) {
        // the root's own source, as flux bootstrap writes it: keep the registered URL and auth, take its ignore
        Bootstrap.takeRootIgnore(store, root, repo.spec().ignore());
        continue;
      }
      String key = Bootstrap.sourceKey(root.name(), repo.key());
      Optional<SourceRecord> existing = store.getSource(key);
      store.putSource(new SourceRecord(
          key, root.name(), repo.spec().url(), WorkItems.manifest(o),
          existing.map(SourceRecord::credentialRef).orElse(null),
          existing.map(SourceRecord::lastRevision).orElse(null),
          existing.map(SourceRecord::lastFetchedAt).orElse(null)));
    }
    Set<String> current = new HashSet<>();
    for (KubeObject o : found.kustomizations()) {
      Kustomization ks = FluxObjects.kustomization(o);
      if (ks.key().equals(parent.key()) || ks.key().equals(Bootstrap.ROOT_KUSTOMIZATION_KEY)) {
        continue; // the root itself, as flux bootstrap writes it into the path it syncs
      }
      current.add(ks.key());
      store.putKustomization(root.cluster(), ks.key(), root.name(), parent.key(), WorkItems.manifest(o));
    }
    for (KustomizationRecord k : store.listKustomizations()) {
      if (k.cluster().equals(root.cluster()) && k.parent().equals(parent.key()) && !current.contains(k.key())) {
        finalizer.remove(k);
      }
    }
    ctx.trees().changed();
  }
}
