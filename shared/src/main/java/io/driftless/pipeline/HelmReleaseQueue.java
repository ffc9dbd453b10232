package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import io.driftless.record.RootRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The HelmReleases one run reconciles, and their order. A HelmRelease is queued when its parent
 * Kustomization's build ran, when its own {@code interval} is due (helm.md §1.5: independent of the
 * parent's), or when the trigger forces it by key. It runs once its parent is done in this run and
 * its {@code dependsOn} (any namespace, any Kustomization) are settled: reconciled in this run first
 * when queued, or not going to change in this run. A dependency in a Kustomization that has not run
 * yet keeps its dependents waiting until it has.
 */
final class HelmReleaseQueue {
  /** What the run knows about its Kustomizations. */
  interface RunState {
    /** True when the Kustomization {@code key} is done in this run, or is not part of it. */
    boolean settled(String key);

    /** True when every Kustomization of the run is done. */
    boolean allDone();
  }

  private final ReconcileContext ctx;
  private final HelmReleases helm;
  private final RootRecord root;
  private final Set<String> queued = new LinkedHashSet<>();
  private final Set<String> done = new HashSet<>();
  private final List<ReconcileOutcome> outcomes = new ArrayList<>();

  HelmReleaseQueue(ReconcileContext ctx, HelmReleases helm, RootRecord root) {
    this.ctx = ctx;
    this.helm = helm;
    this.root = root;
  }

  /** Queues the HelmReleases due on their own schedule at the trigger's time, or forced by it. */
  void queueScheduled(Trigger trigger) {
    queueScheduled(trigger, h -> true);
  }

  /** As {@link #queueScheduled(Trigger)}, only the HelmReleases of the Kustomization {@code parent}. */
  void queueScheduledOf(Trigger trigger, String parent) {
    queueScheduled(trigger, h -> h.parent().equals(parent));
  }

  private void queueScheduled(Trigger trigger, Predicate<HelmRecord> among) {
    Map<String, HelmRecord> helm = WorkPlanner.byKey(ctx.store().listHelmObjects(), root.cluster());
    for (HelmRecord h : releases(helm.values())) {
      if (among.test(h) && (trigger.forced().test(h.key()) || WorkPlanner.helmDue(h, trigger.now(), helm))) {
        queued.add(h.key());
      }
    }
  }

  /** Queues the HelmReleases of the Kustomization {@code parent}, whose build just ran. */
  void queueChildrenOf(String parent) {
    releases().stream().filter(h -> h.parent().equals(parent)).forEach(h -> queued.add(h.key()));
  }

  boolean reconciledInThisRun(String key) {
    return done.contains(key);
  }

  /** Reconciles those of {@code keys} that are queued and can run now, each after its dependencies. */
  void reconcile(List<String> keys, RunState run) {
    for (String key : keys) {
      visit(key, run, new HashSet<>());
    }
  }

  /** Reconciles every queued HelmRelease that can run now. */
  void reconcileAll(RunState run) {
    reconcile(new ArrayList<>(queued), run);
  }

  /** The outcomes so far, handed over once: later calls return only newer ones. */
  List<ReconcileOutcome> takeOutcomes() {
    List<ReconcileOutcome> taken = new ArrayList<>(outcomes);
    outcomes.clear();
    return taken;
  }

  /**
   * Reconciles {@code key} when it is queued and settled; returns whether it is settled (a dependent
   * may run). A cycle is cut where it closes: that dependent's own run reports DependencyNotReady.
   */
  private boolean visit(String key, RunState run, Set<String> visiting) {
    if (done.contains(key) || visiting.contains(key)) {
      return true;
    }
    Optional<HelmRecord> found = ctx.store().getHelmObject(root.cluster(), key);
    if (found.isEmpty()) {
      return run.allDone(); // a Kustomization still to run may bring it
    }
    HelmRecord rec = found.get();
    if (!run.settled(rec.parent())) {
      return false;
    }
    if (!queued.contains(key)) {
      return true;
    }
    visiting.add(key);
    for (String dep : dependencies(rec)) {
      if (!visit(dep, run, visiting)) {
        return false;
      }
    }
    queued.remove(key);
    done.add(key);
    outcomes.addAll(helm.reconcileOne(rec));
    return true;
  }

  private static List<String> dependencies(HelmRecord rec) {
    HelmRelease hr;
    try {
      hr = (HelmRelease) WorkItems.parse(rec);
    } catch (RuntimeException unreadable) {
      return List.of(); // its own run reports the manifest's error
    }
    List<String> keys = new ArrayList<>();
    for (Kustomization.DependencyRef dep : hr.spec().dependencies()) {
      keys.add(keyOf(hr, dep));
    }
    return keys;
  }

  static String keyOf(HelmRelease hr, Kustomization.DependencyRef dep) {
    String ns = dep.namespace() == null || dep.namespace().isBlank() ? hr.namespace() : dep.namespace();
    return HelmRecord.keyOf(HelmRelease.KIND, ns, dep.name());
  }

  private List<HelmRecord> releases() {
    return releases(ctx.store().listHelmObjects());
  }

  private List<HelmRecord> releases(java.util.Collection<HelmRecord> helm) {
    return helm.stream()
        .filter(h -> h.cluster().equals(root.cluster()) && h.root().equals(root.name()))
        .filter(h -> HelmRelease.KIND.equals(h.kind()))
        .toList();
  }
}
