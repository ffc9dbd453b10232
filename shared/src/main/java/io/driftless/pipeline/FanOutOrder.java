package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * The one order of a tree, whatever runs it (a push, a tick, a manual reconcile): within one root's
 * tree on its cluster an item is queued only after its parent, and once each Kustomization it
 * follows has settled in the wave (Ready at the source's current revision, or run in this wave,
 * whatever its result). It follows its in-tree {@code dependsOn}, and the Kustomizations holding the
 * HelmReleases its own HelmReleases {@code dependsOn} ({@link HelmOrder}). One that settles later
 * queues its followers itself, so they run after it with no polling.
 */
final class FanOutOrder {
  private final StateStore store;
  private final TreeView tree;
  private final HelmOrder helmOrder;
  private final Instant wave;

  FanOutOrder(StateStore store, RootRecord root, TreeView tree, Instant wave) {
    this.store = store;
    this.tree = tree;
    this.helmOrder = HelmOrder.of(store, root);
    this.wave = wave;
  }

  /** May {@code rec} run now: every Kustomization of the tree it follows has settled. */
  boolean mayRun(KustomizationRecord rec) {
    return follows(rec).stream().map(tree::current).allMatch(found -> found.isEmpty() || settled(found.get()));
  }

  /** The items of the tree that follow {@code key}: by their dependsOn, or by their HelmReleases'. */
  List<KustomizationRecord> dependentsOf(String key) {
    Map<String, KustomizationRecord> found = new LinkedHashMap<>();
    tree.dependentsOf(key).forEach(k -> found.put(k.key(), k));
    helmOrder.followersOf(key).stream().filter(k -> !found.containsKey(k))
        .forEach(k -> tree.current(k).ifPresent(rec -> found.put(k, rec)));
    return List.copyOf(found.values());
  }

  /** The keys {@code rec} runs after: its dependsOn, and the parents of its HelmReleases' dependencies. */
  private Set<String> follows(KustomizationRecord rec) {
    Set<String> keys = new LinkedHashSet<>(helmOrder.follows(rec.key()));
    keys.addAll(TreeView.dependsOnKeys(rec));
    keys.remove(rec.key());
    return keys;
  }

  /** Whether item {@code key} of the tree has written its status since the wave began. */
  boolean ranInWave(String key) {
    return tree.current(key).filter(this::ranInWave).isPresent();
  }

  private boolean ranInWave(KustomizationRecord k) {
    return k.lastReconciledAt() != null && !Instant.parse(k.lastReconciledAt()).isBefore(wave);
  }

  /** Whether {@code now}, a record as read just now, has settled in the wave. */
  private boolean settled(KustomizationRecord now) {
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
