package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one work item reads of its root's tree on its cluster to plan what follows it: its children,
 * the Kustomizations that {@code dependsOn} it, and those it follows as they are now. {@link #listed}
 * answers from a listing of the whole tree (the local dispatcher's snapshot, shared by a wave's
 * items); {@link #indexed} reads only those, through the table's children and dependents indexes,
 * so an item on AWS costs its part of the table, not the tree. Only a parent that had nothing to do
 * asks for the whole tree ({@link #whole}: which of its descendants may be due), as a tick's first items do.
 */
abstract class TreeView {
  protected final StateStore store;
  protected final RootRecord root;

  private TreeView(StateStore store, RootRecord root) {
    this.store = store;
    this.root = root;
  }

  /** The view over {@code tree}, the whole tree as listed; {@link #current} reads a record anew. */
  static TreeView listed(StateStore store, RootRecord root, Map<String, KustomizationRecord> tree) {
    return new Listed(store, root, tree);
  }

  /** The view that reads only what is asked, through the table's indexes. */
  static TreeView indexed(StateStore store, RootRecord root) {
    return new Indexed(store, root);
  }

  /** {@code key}'s record as it is now, when it belongs to the tree. */
  abstract Optional<KustomizationRecord> current(String key);

  /** The Kustomizations whose parent is {@code key}. */
  abstract List<KustomizationRecord> childrenOf(String key);

  /** Whether any Kustomization has {@code key} as its parent. */
  abstract boolean hasChildren(String key);

  /** The Kustomizations of the tree whose {@code dependsOn} names {@code key}. */
  abstract List<KustomizationRecord> dependentsOf(String key);

  /** The whole tree, keyed by Kustomization key; listed at most once per view. */
  abstract Map<String, KustomizationRecord> whole();

  /** {@code parent}'s build has just registered {@code keys} as its children. */
  void registered(String parent, Set<String> keys) {}

  /** The keys of the Kustomizations of its tree that {@code rec} {@code dependsOn}. */
  static Set<String> dependsOnKeys(KustomizationRecord rec) {
    return WorkItems.tryParse(rec).map(TreeView::dependsOnKeys).orElse(Set.of());
  }

  static Set<String> dependsOnKeys(Kustomization ks) {
    return ks.spec().dependencies().stream().map(d -> Dependencies.keyOf(ks, d))
        .filter(k -> !k.equals(ks.key())).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static final class Listed extends TreeView {
    private final Map<String, KustomizationRecord> tree;

    Listed(StateStore store, RootRecord root, Map<String, KustomizationRecord> tree) {
      super(store, root);
      this.tree = tree;
    }

    @Override
    Optional<KustomizationRecord> current(String key) {
      KustomizationRecord k = tree.get(key);
      return k == null ? Optional.empty() : Optional.of(store.getKustomization(k.cluster(), k.key()).orElse(k));
    }

    @Override
    List<KustomizationRecord> childrenOf(String key) {
      return tree.values().stream().filter(k -> k.parent().equals(key)).toList();
    }

    @Override
    boolean hasChildren(String key) {
      return tree.values().stream().anyMatch(k -> k.parent().equals(key));
    }

    @Override
    List<KustomizationRecord> dependentsOf(String key) {
      return tree.values().stream().filter(k -> dependsOnKeys(k).contains(key)).toList();
    }

    @Override
    Map<String, KustomizationRecord> whole() {
      return tree;
    }
  }

  private static final class Indexed extends TreeView {
    private final Map<String, Set<String>> registered = new LinkedHashMap<>();
    private Map<String, KustomizationRecord> whole;

    Indexed(StateStore store, RootRecord root) {
      super(store, root);
    }

    @Override
    Optional<KustomizationRecord> current(String key) {
      return store.getKustomization(root.cluster(), key).filter(k -> k.root().equals(root.name()));
    }

    /** As the index lists them, and those just registered, which an eventually consistent index may not show yet. */
    @Override
    List<KustomizationRecord> childrenOf(String key) {
      List<KustomizationRecord> children = new ArrayList<>(store.childrenOf(root.cluster(), key));
      Set<String> listed = new HashSet<>();
      children.forEach(k -> listed.add(k.key()));
      for (String k : registered.getOrDefault(key, Set.of())) {
        if (!listed.contains(k)) {
          current(k).filter(c -> c.parent().equals(key)).ifPresent(children::add);
        }
      }
      return children.stream().filter(k -> k.root().equals(root.name())).toList();
    }

    @Override
    boolean hasChildren(String key) {
      return !store.childKeysOf(root.cluster(), key).isEmpty();
    }

    @Override
    List<KustomizationRecord> dependentsOf(String key) {
      return store.dependentsOf(root.cluster(), root.name(), key);
    }

    @Override
    Map<String, KustomizationRecord> whole() {
      if (whole == null) {
        whole = WorkPlanner.tree(store, root);
      }
      return whole;
    }

    @Override
    void registered(String parent, Set<String> keys) {
      registered.put(parent, Set.copyOf(keys));
    }
  }
}
