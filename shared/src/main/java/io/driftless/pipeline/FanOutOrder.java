package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.StateStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order of a fan-out within one root's tree on its cluster: an item is queued only once each of
 * its in-tree dependencies has settled in the wave (Ready at the source's current revision, or run in
 * this wave, whatever its result); a dependency that settles later queues its dependents itself. So
 * dependents run after their dependencies with no polling, as in one {@link ReconcileRun}.
 */
final class FanOutOrder {
  private final StateStore store;
  private final Map<String, KustomizationRecord> tree;
  private final Instant wave;

  FanOutOrder(StateStore store, Map<String, KustomizationRecord> tree, Instant wave) {
    this.store = store;
    this.tree = tree;
    this.wave = wave;
  }

  /** May {@code rec} run now: every in-tree dependency has settled. */
  boolean mayRun(KustomizationRecord rec) {
    Optional<Kustomization> ks = WorkItems.tryParse(rec);
    if (ks.isEmpty()) {
      return true; // its own run reports the manifest's error
    }
    for (Kustomization.DependencyRef dep : ks.get().spec().dependencies()) {
      KustomizationRecord found = tree.get(Dependencies.keyOf(ks.get(), dep));
      if (found != null && !settled(found)) {
        return false;
      }
    }
    return true;
  }

  /** The items of the tree that list {@code key} among their dependencies. */
  List<KustomizationRecord> dependentsOf(String key) {
    return tree.values().stream()
        .filter(k -> WorkItems.tryParse(k).map(ks -> ks.spec().dependencies().stream()
            .anyMatch(d -> Dependencies.keyOf(ks, d).equals(key))).orElse(false))
        .toList();
  }

  /** Whether item {@code key} of the tree has written its status since the wave began. */
  boolean ranInWave(String key) {
    KustomizationRecord k = tree.get(key);
    return k != null && ranInWave(store.getKustomization(k.cluster(), k.key()).orElse(k));
  }

  private boolean ranInWave(KustomizationRecord k) {
    return k.lastReconciledAt() != null && !Instant.parse(k.lastReconciledAt()).isBefore(wave);
  }

  private boolean settled(KustomizationRecord dep) {
    KustomizationRecord now = store.getKustomization(dep.cluster(), dep.key()).orElse(dep);
    if (ranInWave(now)) {
      return true;
    }
    Optional<Kustomization> ks = WorkItems.tryParse(now);
    return ks.isPresent() && now.status() != null && now.status().isReady() && appliedCurrentRevision(now, ks.get());
  }

  private boolean appliedCurrentRevision(KustomizationRecord rec, Kustomization ks) {
    return store.getSource(Bootstrap.sourceKey(rec.root(), Sources.keyOf(ks)))
        .map(s -> s.lastRevision() == null || s.lastRevision().equals(rec.status().getLastAppliedRevision()))
        .orElse(true);
  }
}
