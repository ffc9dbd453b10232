package io.driftless.pipeline;

import io.driftless.model.GitRepository;
import io.driftless.model.Kustomization;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a push, a bootstrap, a manual request or a schedule tick into work items: a wave starts at
 * the top of each tree concerned, and each item queues its children when it finishes ({@link
 * WorkItemRun}), so children run after their parent. A parent that ran queues all its children; one
 * that had nothing to do queues only those that may be due themselves or below them (a source of
 * their own, or an {@code interval} passed), so an idle tick costs one invocation per root.
 * Suspended items, and items whose in-tree dependencies have not settled, are left for later (their
 * dependencies queue them).
 */
final class WorkPlanner {
  /** The reason of a schedule tick's request and of its items. */
  static final String SCHEDULE = "schedule";
  private final StateStore store;

  WorkPlanner(StateStore store) {
    this.store = store;
  }

  /** The work items of a queued request that is not itself a work item. */
  List<ReconcileRequest> plan(ReconcileRequest request) {
    Instant now = Instant.parse(request.requestedAt());
    List<ReconcileRequest> items = new ArrayList<>();
    if (ReconcileRequest.KIND_KUSTOMIZATION.equals(request.kind())) {
      for (KustomizationRecord k : store.listKustomizations()) {
        boolean clusterMatches = request.cluster() == null || request.cluster().isEmpty() || request.cluster().equals(k.cluster());
        if (k.key().equals(request.target()) && clusterMatches) {
          items.add(ReconcileRequest.item(request.id(), k.cluster(), k.key(), request.reason(), request.requestedAt(),
              true, request.withSource(), request.forcedTree()));
        }
      }
      return items;
    }
    List<HelmRecord> helm = store.listHelmObjects();
    for (RootRecord root : Requests.rootsFor(store, request)) {
      items.addAll(tops(request, root, now, helm));
    }
    return items;
  }

  /**
   * The work items of a schedule tick at {@code now}, in wave {@code wave}: each tree's, which read the
   * revisions their sources last stored ({@link #checksOnTick}), and the fetch items of the sources
   * due on their own interval (a Git revision that moved is then queued as a push of it).
   */
  List<ReconcileRequest> tick(String wave, Instant now) {
    List<ReconcileRequest> items = new ArrayList<>();
    List<HelmRecord> helm = store.listHelmObjects();
    for (RootRecord root : store.listRoots()) {
      items.addAll(tops(new ReconcileRequest(wave, ReconcileRequest.KIND_ROOT, root.name(), root.cluster(), SCHEDULE,
          now.toString(), null, false, false), root, now, helm));
      items.addAll(sourcesDue(wave, root, now, helm));
    }
    store.listSources().stream()
        .filter(s -> !s.key().endsWith("#" + Bootstrap.ROOT_SOURCE_KEY) && SourceSchedules.isDue(s, now))
        .forEach(s -> store.getRoot(s.root()).ifPresent(root ->
            items.add(ReconcileRequest.fetch(wave, root.cluster(), s.key(), SCHEDULE, now.toString()))));
    return items;
  }

  /**
   * Whether {@code item} checks its Kustomization's source remote itself: only a tick's item on the
   * root's own GitRepository, as every tick did before sources had intervals (so an idle tick stays one
   * item and no write); GitRepositories found in Git are checked on their own interval instead.
   */
  static boolean checksOnTick(ReconcileRequest item, KustomizationRecord rec) {
    return SCHEDULE.equals(item.reason()) && WorkItems.tryParse(rec)
        .filter(ks -> GitRepository.KIND.equals(ks.spec().sourceRef().kind())
            && Bootstrap.ROOT_SOURCE_KEY.equals(Sources.keyOf(ks)))
        .isPresent();
  }

  /** The fetch items of the Helm sources of {@code root} due on their own interval at {@code now} ({@link SourceSchedules}). */
  private static List<ReconcileRequest> sourcesDue(String wave, RootRecord root, Instant now, List<HelmRecord> helm) {
    return helm.stream()
        .filter(h -> h.cluster().equals(root.cluster()) && h.root().equals(root.name()))
        .filter(h -> SourceSchedules.isSource(h) && SourceSchedules.isDue(h, now))
        .map(h -> ReconcileRequest.fetch(wave, h.cluster(), h.key(), SCHEDULE, now.toString()))
        .toList();
  }

  /** The tree of {@code root} on its cluster, keyed by Kustomization key. */
  static Map<String, KustomizationRecord> tree(StateStore store, RootRecord root) {
    return tree(store.listKustomizations(), root);
  }

  /** The tree of {@code root} on its cluster among {@code all} Kustomizations. */
  static Map<String, KustomizationRecord> tree(List<KustomizationRecord> all, RootRecord root) {
    Map<String, KustomizationRecord> tree = new LinkedHashMap<>();
    all.stream()
        .filter(k -> k.root().equals(root.name()) && k.cluster().equals(root.cluster()))
        .forEach(k -> tree.put(k.key(), k));
    return tree;
  }

  static ReconcileRequest item(String wave, KustomizationRecord k, String reason, String at, boolean forced,
      boolean withSource) {
    return ReconcileRequest.item(wave, k.cluster(), k.key(), reason, at, forced, withSource);
  }

  /**
   * The tops of the tree (its root, and items whose parent left) that may be due, or all of them when
   * the request forces the whole tree: each wave starts there.
   */
  private List<ReconcileRequest> tops(ReconcileRequest request, RootRecord root, Instant now, List<HelmRecord> helm) {
    Map<String, KustomizationRecord> tree = tree(store, root);
    FanOutOrder order = new FanOutOrder(store, root, TreeView.listed(store, root, tree), now);
    Set<String> helmDue = helmDue(helm, root, now);
    List<ReconcileRequest> items = new ArrayList<>();
    for (KustomizationRecord k : tree.values()) {
      if (!tree.containsKey(k.parent()) && (request.forcedTree() || mayBeDueWithin(k, tree, now, helmDue))
          && order.mayRun(k)) {
        items.add(ReconcileRequest.item(request.id(), k.cluster(), k.key(), request.reason(), now.toString(),
            request.forcedTree(), request.withSource(), request.forcedTree()));
      }
    }
    return items;
  }

  /**
   * Whether {@code k} or an item below it may be due at {@code now}: a root, an item whose source is
   * not its parent's, one whose interval has passed, or one holding a HelmRelease due on its own
   * interval ({@code helmDue}: their parents' keys). A parent that did not run queues only these.
   */
  static boolean mayBeDueWithin(
      KustomizationRecord k, Map<String, KustomizationRecord> tree, Instant now, Set<String> helmDue) {
    if (helmDue.contains(k.key()) || mayBeDue(k, tree, now)) {
      return true;
    }
    return tree.values().stream().anyMatch(c -> c.parent().equals(k.key()) && mayBeDueWithin(c, tree, now, helmDue));
  }

  /** The keys of the Kustomizations of {@code root} holding a HelmRelease due on its own schedule at {@code now}. */
  static Set<String> helmDue(StateStore store, RootRecord root, Instant now) {
    return helmDue(store.listHelmObjects(), root, now);
  }

  /** As {@link #helmDue(StateStore, RootRecord, Instant)} among {@code helm}, every Helm record listed. */
  static Set<String> helmDue(List<HelmRecord> helm, RootRecord root, Instant now) {
    Map<String, HelmRecord> byKey = byKey(helm, root.cluster());
    Set<String> parents = new HashSet<>();
    for (HelmRecord h : byKey.values()) {
      if (h.root().equals(root.name()) && HelmRelease.KIND.equals(h.kind())
          && !parents.contains(h.parent()) && helmDue(h, now, byKey)) {
        parents.add(h.parent());
      }
    }
    return parents;
  }

  /** The Helm records of {@code cluster} among {@code helm}, by key. */
  static Map<String, HelmRecord> byKey(List<HelmRecord> helm, String cluster) {
    Map<String, HelmRecord> byKey = new LinkedHashMap<>();
    helm.stream().filter(h -> h.cluster().equals(cluster)).forEach(h -> byKey.put(h.key(), h));
    return byKey;
  }

  static boolean helmDue(HelmRecord h, Instant now, Map<String, HelmRecord> helm) {
    try {
      return HelmSchedules.isDue(h, (HelmRelease) WorkItems.parse(h), now, helm);
    } catch (RuntimeException unreadable) {
      return false; // its parent's run reports the manifest's error
    }
  }

  private static boolean mayBeDue(KustomizationRecord k, Map<String, KustomizationRecord> tree, Instant now) {
    Optional<Kustomization> ks = WorkItems.tryParse(k);
    if (ks.isEmpty()) {
      return true; // its run reports the manifest's error
    }
    if (ks.get().spec().suspended()) {
      return false;
    }
    KustomizationRecord parent = tree.get(k.parent());
    if (parent == null) {
      return true;
    }
    Optional<Kustomization> parentKs = WorkItems.tryParse(parent);
    if (parentKs.isEmpty() || !Sources.keyOf(parentKs.get()).equals(Sources.keyOf(ks.get()))) {
      return true;
    }
    return k.status() == null || Schedules.isDue(k, ks.get(), now);
  }
}
