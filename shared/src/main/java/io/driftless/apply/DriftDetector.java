package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * helm-controller's drift detection and correction (helm.md §2.5) over a release's objects: each
 * object is server-side dry-run applied (field manager {@value ResourceManager#FIELD_MANAGER}, conflicts
 * forced) and compared with the live object, without status and server-set metadata, and without the
 * JSON Pointer paths of the ignore rules that select it. A missing object drifts too. Objects labelled
 * or annotated {@value #DISABLED} are skipped. Correction applies the drifted objects for real, their
 * ignored paths carrying the live values, so an ignored field is never changed.
 */
public final class DriftDetector {
  public static final String DISABLED = "helm.toolkit.fluxcd.io/driftDetection";

  /** JSON Pointer {@code paths} ignored on the objects {@code selects} accepts. */
  public record IgnoreRule(List<String> paths, Predicate<KubeObject> selects) {
    public IgnoreRule {
      paths = paths == null ? List.of() : List.copyOf(paths);
      paths.forEach(JsonPointer::parse);
    }

    /** The paths of the {@code rules} that select {@code object}. */
    static List<JsonPointer> pathsOf(KubeObject object, List<IgnoreRule> rules) {
      return rules.stream().filter(r -> r.selects() == null || r.selects().test(object))
          .flatMap(r -> r.paths().stream()).map(JsonPointer::parse).toList();
    }
  }

  /** One drifted object: {@code missing} when it is not on the cluster at all. */
  public record Drift(KubeObject object, boolean missing) {}

  private final KubernetesClient client;
  private final ObjectApplier applier;

  public DriftDetector(KubernetesClient client) {
    this.client = client;
    this.applier = new ObjectApplier(client, new Poller(Duration.ofMillis(500)));
  }

  /** The objects whose live state differs from what applying them would make it. */
  public List<Drift> detect(List<KubeObject> objects, List<IgnoreRule> rules) {
    List<Drift> drifts = new ArrayList<>();
    for (KubeObject object : objects) {
      GenericKubernetesResource desired = applier.toResource(object);
      GenericKubernetesResource live;
      GenericKubernetesResource dryRun;
      try {
        live = client.resource(desired).get();
        if (disabled(desired.getMetadata()) || (live != null && disabled(live.getMetadata()))) {
          continue;
        }
        if (live == null) {
          drifts.add(new Drift(object, true));
          continue;
        }
        dryRun = applier.serverSideApply(desired, true);
      } catch (RuntimeException e) {
        throw new IllegalStateException(ApiErrors.describe(object.subject(), "drift detection dry-run", e), e);
      }
      List<JsonPointer> ignored = IgnoreRule.pathsOf(object, rules);
      if (!LocalDiff.between(ObjectApplier.without(applier.asMap(dryRun), ignored),
          ObjectApplier.without(applier.asMap(live), ignored)).isEmpty()) {
        drifts.add(new Drift(object, false));
      }
    }
    return drifts;
  }

  /**
   * Applies the drifted objects again, all or none, as helm-controller's ApplyAll: a drifted object was
   * dry-run by {@link #detect}, and every missing object but the first is dry-run here before anything is
   * written; the first is written first, so that its own refusal writes nothing either. Ignored paths
   * keep their live values.
   */
  public ChangeSet correct(List<Drift> drifts, List<IgnoreRule> rules) {
    List<Map.Entry<Drift, GenericKubernetesResource>> writes = new ArrayList<>();
    boolean unvalidated = false;
    for (Drift drift : drifts) {
      KubeObject object = drift.object();
      try {
        GenericKubernetesResource desired = applier.toResource(object);
        GenericKubernetesResource live = drift.missing() ? null : client.resource(desired).get();
        if (live != null) {
          desired = applier.keepLive(desired, live, IgnoreRule.pathsOf(object, rules));
        }
        if (drift.missing() && !unvalidated) {
          unvalidated = true;
          writes.add(0, Map.entry(drift, desired));
          continue;
        }
        if (drift.missing()) {
          applier.serverSideApply(desired, true);
        }
        writes.add(Map.entry(drift, desired));
      } catch (RuntimeException e) {
        throw new ApplyException(ApiErrors.describe(object.subject(), "drift correction dry-run", e), new ChangeSet(), e);
      }
    }
    ChangeSet changes = new ChangeSet();
    for (Map.Entry<Drift, GenericKubernetesResource> write : writes) {
      KubeObject object = write.getKey().object();
      try {
        applier.serverSideApply(write.getValue(), false);
      } catch (RuntimeException e) {
        throw new ApplyException(ApiErrors.describe(object.subject(), "drift correction", e), changes, e);
      }
      changes.add(new ChangeSetEntry(object.id(), object.version(),
          write.getKey().missing() ? Action.CREATED : Action.CONFIGURED));
    }
    return changes;
  }

  private static boolean disabled(ObjectMeta meta) {
    return FluxMetadata.has(meta, DISABLED, "disabled");
  }
}
