package io.driftless.apply;

import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flux's resource manager over a fabric8 client: staged server-side apply with drift detection, and
 * prune. Works the same against a real cluster and the sandbox API server. Each stage reads its live
 * objects in bulk ({@link LiveObjects}), so a no-op apply costs a few LISTs, and a first apply one
 * request per object.
 */
public final class ResourceManager {
  public static final String FIELD_MANAGER = "driftless";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private final ObjectApplier applier;
  private final ReadinessCheck readiness;
  private final Pruner pruner;

  public ResourceManager(KubernetesClient client) {
    Poller poller = new Poller(POLL_INTERVAL);
    this.applier = new ObjectApplier(client, poller);
    this.readiness = new ReadinessCheck(client, poller);
    this.pruner = new Pruner(client);
  }

  /**
   * Applies CRDs, Namespaces and ClusterRoles, waits for them; then the classes, waits; then the
   * rest. Stops at the first object that fails, with an {@link ApplyException} carrying the
   * change set so far.
   */
  public ChangeSet applyAllStaged(List<KubeObject> objects, ApplyOptions options) {
    Map<Integer, List<KubeObject>> stages = new TreeMap<>();
    objects.forEach(o -> stages.computeIfAbsent(KindOrder.stage(o.id()), s -> new ArrayList<>()).add(o));
    ChangeSet changes = new ChangeSet();
    for (Map.Entry<Integer, List<KubeObject>> stage : stages.entrySet()) {
      List<KubeObject> ordered = new ArrayList<>(stage.getValue());
      ordered.sort(Comparator.comparing(KubeObject::id, KindOrder.APPLY));
      List<GenericKubernetesResource> applied = new ArrayList<>();
      LiveObjects live = readLive(ordered, options, changes);
      for (KubeObject object : ordered) {
        ChangeSetEntry entry = applyOne(object, live, options, changes);
        changes.add(entry);
        if (entry.changed() || entry.action() == Action.UNCHANGED) {
          applied.add(applier.toResource(object));
        }
      }
      if (stage.getKey() < 3 && !options.detectOnly()) {
        List<String> notReady;
        try {
          notReady = readiness.await(applied, options.stageWaitTimeout());
        } catch (ReadinessCheck.TerminatingNamespaceException e) {
          throw new ApplyException(e.getMessage(), changes, e);
        }
        if (!notReady.isEmpty()) {
          throw new ApplyException("timeout waiting for: " + notReady, changes, null);
        }
      }
    }
    return changes;
  }

  /** Deletes the stale objects this Kustomization owns; the rest are reported as skipped. */
  public ChangeSet prune(List<InventoryEntry> stale, OwnerLabels owner) {
    return pruner.prune(stale, owner, DeletionPropagation.BACKGROUND);
  }

  /** As {@link #prune(List, OwnerLabels)}, each delete sent with {@code propagation}. */
  public ChangeSet prune(List<InventoryEntry> stale, OwnerLabels owner, DeletionPropagation propagation) {
    return pruner.prune(stale, owner, propagation);
  }

  private LiveObjects readLive(List<KubeObject> objects, ApplyOptions options, ChangeSet changes) {
    try {
      return applier.readLive(objects, options);
    } catch (RuntimeException e) {
      throw new ApplyException(ApiErrors.describe(objects.get(0).subject(), "list", e), changes, e);
    }
  }

  private ChangeSetEntry applyOne(KubeObject object, LiveObjects live, ApplyOptions options, ChangeSet changes) {
    try {
      return applier.apply(object, live, options);
    } catch (RuntimeException e) {
      String from = object.origin().isEmpty() ? "" : " (from " + object.origin() + ")";
      throw new ApplyException(ApiErrors.describe(object.subject(), "apply", e) + from, changes, e);
    }
  }
}
