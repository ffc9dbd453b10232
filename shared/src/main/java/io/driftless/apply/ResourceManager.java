package io.driftless.apply;

import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.ObjectId;
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
 * objects in bulk ({@link LiveObjects}), so a no-op apply costs a few LISTs; a first apply costs a
 * dry-run and an apply per object, but one dry-run less per stage (a stage of one object: one request).
 */
public final class ResourceManager {
  public static final String FIELD_MANAGER = "driftless";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private final ObjectApplier applier;
  private final ReadinessCheck readiness;
  private final Pruner pruner;
  private final Poller poller;

  public ResourceManager(KubernetesClient client) {
    this.poller = new Poller(POLL_INTERVAL);
    this.applier = new ObjectApplier(client, poller);
    this.readiness = new ReadinessCheck(client, poller);
    this.pruner = new Pruner(client);
  }

  /**
   * Applies CRDs, Namespaces and ClusterRoles, waits for them; then the classes, waits; then the
   * rest. Each stage is applied whole or not at all, as Flux's staged apply: every object it writes is
   * validated by a server-side dry-run before the first write of the stage (one create may go without,
   * sent first: its own refusal writes nothing), and the first refusal stops the apply with an
   * {@link ApplyException} naming the object ({@code Kind/ns/name dry-run failed (Reason): message})
   * and carrying the change set of the stages before.
   */
  public ChangeSet applyAllStaged(List<KubeObject> objects, ApplyOptions options) {
    Map<Integer, List<KubeObject>> stages = new TreeMap<>();
    objects.forEach(o -> stages.computeIfAbsent(KindOrder.stage(o.id()), s -> new ArrayList<>()).add(o));
    ChangeSet changes = new ChangeSet();
    for (Map.Entry<Integer, List<KubeObject>> stage : stages.entrySet()) {
      List<KubeObject> ordered = new ArrayList<>(stage.getValue());
      ordered.sort(Comparator.comparing(KubeObject::id, KindOrder.APPLY));
      List<ObjectApplier.Planned> planned = plan(ordered, options, changes);
      write(writeOrder(planned), options, changes);
      List<GenericKubernetesResource> applied = new ArrayList<>();
      for (ObjectApplier.Planned p : planned) {
        changes.add(p.entry());
        if (p.entry().changed() || p.entry().action() == Action.UNCHANGED) {
          applied.add(applier.toResource(p.object()));
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

  /** Decides every object of one stage; only the first create of the stage is left without a dry-run. */
  private List<ObjectApplier.Planned> plan(List<KubeObject> stage, ApplyOptions options, ChangeSet changes) {
    LiveObjects live = readLive(stage, options, changes);
    List<ObjectApplier.Planned> planned = new ArrayList<>();
    boolean unvalidated = false;
    for (KubeObject object : stage) {
      ObjectApplier.Planned p;
      try {
        p = applier.plan(object, live, options, unvalidated);
      } catch (ObjectApplier.DryRunRefused e) {
        throw failure(object, "dry-run", e.refusal(), changes);
      } catch (RuntimeException e) {
        throw failure(object, "apply", e, changes);
      }
      unvalidated |= !p.validated();
      planned.add(p);
    }
    return planned;
  }

  /** The create sent without a dry-run first, then the rest in apply order. */
  private static List<ObjectApplier.Planned> writeOrder(List<ObjectApplier.Planned> planned) {
    List<ObjectApplier.Planned> order = new ArrayList<>(planned.stream().filter(p -> !p.validated()).toList());
    planned.stream().filter(ObjectApplier.Planned::validated).forEach(order::add);
    return order;
  }

  /** A write refused after its stage validated (a race with another client) carries what this stage wrote. */
  private void write(List<ObjectApplier.Planned> order, ApplyOptions options, ChangeSet changes) {
    ChangeSet written = new ChangeSet();
    written.addAll(changes);
    for (ObjectApplier.Planned p : order) {
      try {
        applier.write(p, options);
      } catch (RuntimeException e) {
        throw failure(p.object(), "apply", e, written);
      }
      if (p.entry().changed()) {
        written.add(p.entry());
      }
    }
  }

  /** Deletes the stale objects this Kustomization owns; the rest are reported as skipped. */
  public ChangeSet prune(List<InventoryEntry> stale, OwnerLabels owner) {
    return pruner.prune(stale, owner, DeletionPropagation.BACKGROUND);
  }

  /** As {@link #prune(List, OwnerLabels)}, each delete sent with {@code propagation}. */
  public ChangeSet prune(List<InventoryEntry> stale, OwnerLabels owner, DeletionPropagation propagation) {
    return pruner.prune(stale, owner, propagation);
  }

  /**
   * Waits, up to {@code timeout}, until every object {@code deleted} deleted is gone from the cluster
   * (Flux's WaitForTermination); the objects still there when it gave up, empty when all went.
   */
  public List<ObjectId> awaitTermination(ChangeSet deleted, Duration timeout) {
    List<List<ObjectId>> left = new ArrayList<>(List.of(List.of()));
    poller.await(timeout, () -> {
      left.set(0, pruner.remaining(deleted));
      return left.get(0).isEmpty();
    });
    return left.get(0);
  }

  private LiveObjects readLive(List<KubeObject> objects, ApplyOptions options, ChangeSet changes) {
    try {
      return applier.readLive(objects, options);
    } catch (RuntimeException e) {
      throw new ApplyException(ApiErrors.describe(objects.get(0).subject(), "list", e), changes, e);
    }
  }

  private static ApplyException failure(KubeObject object, String verb, RuntimeException e, ChangeSet changes) {
    String from = object.origin().isEmpty() ? "" : " (from " + object.origin() + ")";
    return new ApplyException(ApiErrors.describe(object.subject(), verb, e) + from, changes, e);
  }
}
