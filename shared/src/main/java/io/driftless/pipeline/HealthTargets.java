package io.driftless.pipeline;

import io.driftless.apply.Action;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.ChangeSetEntry;
import io.driftless.apply.HealthChecker;
import io.driftless.model.Durations;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Which objects a Kustomization's health check covers, and for how long (flux.md §1.1, §1.7). */
final class HealthTargets {
  private HealthTargets() {}

  static List<HealthChecker.Target> of(Kustomization ks, List<KubeObject> objects, ChangeSet applied) {
    Map<ObjectId, String> versions = new HashMap<>();
    objects.forEach(o -> versions.put(o.id(), o.apiVersion()));
    List<HealthChecker.Target> targets = new ArrayList<>();
    if (ks.spec().waitEnabled()) {
      Set<ObjectId> skipped = applied.entries().stream()
          .filter(e -> e.action() == Action.SKIPPED).map(ChangeSetEntry::id).collect(Collectors.toSet());
      for (KubeObject o : objects) {
        if (!skipped.contains(o.id())) {
          targets.add(new HealthChecker.Target(o.id(), o.apiVersion()));
        }
      }
      return targets;
    }
    if (ks.spec().healthChecks() != null) {
      for (Kustomization.HealthCheckRef ref : ks.spec().healthChecks()) {
        if (HelmHealth.isHelmRelease(ref)) {
          continue; // a Driftless record, not a cluster object: HelmHealth checks it
        }
        String apiVersion = ref.apiVersion();
        ObjectId id = new ObjectId(group(apiVersion), ref.kind(), ref.namespace(), ref.name());
        targets.add(new HealthChecker.Target(id, apiVersion != null ? apiVersion : versions.getOrDefault(id, "v1")));
      }
    }
    return targets;
  }

  /** Flux's code default: {@code interval − 30s}, never below 30s, unless {@code timeout} is set. */
  static Duration timeout(Kustomization ks) {
    if (ks.spec().timeout() != null) {
      return Durations.parse(ks.spec().timeout());
    }
    Duration d = Durations.parse(ks.spec().interval()).minusSeconds(30);
    return d.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : d;
  }

  private static String group(String apiVersion) {
    if (apiVersion == null || !apiVersion.contains("/")) {
      return "";
    }
    return apiVersion.substring(0, apiVersion.indexOf('/'));
  }
}
