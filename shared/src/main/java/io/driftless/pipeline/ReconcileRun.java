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
import java.util.logging.Logger;

/**
 * One pass over a root's tree on its cluster: the root Kustomization first, then every Kustomization
 * its builds contained, recursively, each after its parent and its dependsOn. A dependency that
 * becomes Ready in this run unblocks its dependents at once, with no polling interval.
 */
final class ReconcileRun {
  private static final Logger LOG = Logger.getLogger(ReconcileRun.class.getName());
  private final ReconcileContext ctx;
  private final KustomizationReconciler reconciler;
  private final Finalizer finalizer;
  private final HelmReleases helm;

  ReconcileRun(ReconcileContext ctx) {
    this.ctx = ctx;
    this.reconciler = new KustomizationReconciler(ctx);
    this.finalizer = new Finalizer(ctx);
    this.helm = new HelmReleases(ctx);
  }

  /**
   * Reconciles the root's tree. One item's failure never stops the others: whatever escapes an item
   * becomes its outcome (ReconciliationFailed) and the run goes on.
   */
  List<ReconcileOutcome> run(RootRecord root, Trigger trigger) {
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> ran = new HashSet<>();
    Map<String, KustomizationRecord> tree = tree(root);
    while (true) {
      Optional<KustomizationRecord> next = nextReady(tree, done, root);
      if (next.isEmpty()) {
        break;
      }
      KustomizationRecord rec = next.get();
      done.add(rec.key());
      try {
        KustomizationReconciler.Result r = reconciler.reconcile(rec.cluster(), rec.key(), trigger);
        if (r.ran()) {
          outcomes.add(r.outcome());
          log(r.outcome());
        }
        if (r.discovered().isPresent() && hasOrHadChildren(r.discovered().get(), tree, rec.key())) {
          register(root, rec, r.discovered().get());
          tree = tree(root); // children may have been added or removed
        }
        if (r.discovered().isPresent()) {
          ran.add(rec.key());
          for (ReconcileOutcome o : helm.register(root, rec, WorkItems.parse(rec), r.discovered().get().helmObjects())) {
            outcomes.add(o);
            log(o);
          }
        }
      } catch (LeaseWaiter.LockBusyException e) {
        LOG.info(e.getMessage());
        outcomes.add(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.LOCKED, e.getMessage(), null));
      } catch (RuntimeException e) {
        String message = ApiErrors.describe("Kustomization " + rec.key(), "reconcile", e);
        LOG.warning(message);
        outcomes.add(new ReconcileOutcome(rec.cluster(), rec.key(), "", false, Reason.RECONCILIATION_FAILED, message, null));
      }
    }
    for (ReconcileOutcome o : helm.reconcile(root, ran)) {
      outcomes.add(o);
      log(o);
    }
    return outcomes;
  }

  private static boolean hasOrHadChildren(Discovered found, Map<String, KustomizationRecord> tree, String key) {
    return !found.kustomizations().isEmpty() || !found.sources().isEmpty()
        || tree.values().stream().anyMatch(k -> k.parent().equals(key));
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
   * The next item whose parent ran and whose in-tree dependencies ran; when only blocked items are
   * left (a cycle, or a missing parent), the first of them runs and reports DependencyNotReady.
   */
  private static Optional<KustomizationRecord> nextReady(
      Map<String, KustomizationRecord> tree, Set<String> done, RootRecord root) {
    List<KustomizationRecord> pending = tree.values().stream().filter(k -> !done.contains(k.key())).toList();
    for (KustomizationRecord k : pending) {
      boolean parentDone = k.parent().isEmpty() || done.contains(k.parent()) || !tree.containsKey(k.parent());
      if (parentDone && dependenciesDone(k, tree, done)) {
        return Optional.of(k);
      }
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
  }
}
