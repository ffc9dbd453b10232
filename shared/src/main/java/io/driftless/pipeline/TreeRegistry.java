package io.driftless.pipeline;

import io.driftless.model.FluxObjects;
import io.driftless.model.GitRepository;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Records what a Kustomization's build contained of the tree: its Kustomizations become work items
 * on the same cluster, its GitRepositories sources of the root; children that left Git are removed,
 * with their objects as their {@code deletionPolicy} says.
 */
final class TreeRegistry {
  private final ReconcileContext ctx;
  private final Finalizer finalizer;

  TreeRegistry(ReconcileContext ctx) {
    this.ctx = ctx;
    this.finalizer = new Finalizer(ctx);
  }

  /**
   * Whether registering a build can change anything: it holds Kustomizations or GitRepositories, or
   * {@code tree} shows children registered from it before (they may have left Git). A leaf's build
   * needs no registration, so it neither reads the table nor makes the wave list the tree again.
   */
  static boolean hasOrHadChildren(Discovered found, TreeView tree, String key) {
    return !found.kustomizations().isEmpty() || !found.sources().isEmpty() || tree.hasChildren(key);
  }

  /** Records {@code parent}'s build; the keys of the Kustomizations it now holds. */
  Set<String> register(RootRecord root, KustomizationRecord parent, Discovered found) {
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
      store.putKustomization(root.cluster(), ks.key(), root.name(), parent.key(), WorkItems.manifest(o),
          TreeView.dependsOnKeys(ks));
    }
    for (String key : store.childKeysOf(root.cluster(), parent.key())) {
      if (!current.contains(key)) {
        store.getKustomization(root.cluster(), key).filter(k -> k.parent().equals(parent.key())).ifPresent(finalizer::remove);
      }
    }
    ctx.trees().changed();
    return current;
  }
}
