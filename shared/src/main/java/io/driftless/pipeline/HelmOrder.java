package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which Kustomizations a Kustomization follows because of its HelmReleases: one whose HelmRelease
 * {@code dependsOn} a HelmRelease of another Kustomization runs after that one, so a health check
 * waiting on its HelmReleases sees their dependencies reconciled first. Read from the records of the
 * previous runs: a Kustomization's HelmReleases are known only once it has built.
 */
final class HelmOrder {
  private final Map<String, Set<String>> follows;

  private HelmOrder(Map<String, Set<String>> follows) {
    this.follows = follows;
  }

  static HelmOrder of(StateStore store, RootRecord root) {
    Map<String, String> parentOf = new HashMap<>();
    Map<String, HelmRecord> releases = new HashMap<>();
    for (HelmRecord h : store.listHelmObjects()) {
      if (h.cluster().equals(root.cluster()) && h.root().equals(root.name()) && HelmRelease.KIND.equals(h.kind())) {
        parentOf.put(h.key(), h.parent());
        releases.put(h.key(), h);
      }
    }
    Map<String, Set<String>> follows = new HashMap<>();
    for (HelmRecord h : releases.values()) {
      HelmRelease hr;
      try {
        hr = (HelmRelease) WorkItems.parse(h);
      } catch (RuntimeException unreadable) {
        continue;
      }
      for (Kustomization.DependencyRef dep : hr.spec().dependencies()) {
        String other = parentOf.get(HelmReleaseQueue.keyOf(hr, dep));
        if (other != null && !other.equals(h.parent())) {
          follows.computeIfAbsent(h.parent(), k -> new LinkedHashSet<>()).add(other);
        }
      }
    }
    return new HelmOrder(follows);
  }

  /** The Kustomizations that run after {@code kustomization}. */
  Set<String> followersOf(String kustomization) {
    Set<String> keys = new LinkedHashSet<>();
    follows.forEach((k, after) -> {
      if (after.contains(kustomization)) {
        keys.add(k);
      }
    });
    return keys;
  }

  /** The Kustomizations {@code kustomization} runs after. */
  Set<String> follows(String kustomization) {
    return follows.getOrDefault(kustomization, Set.of());
  }
}
