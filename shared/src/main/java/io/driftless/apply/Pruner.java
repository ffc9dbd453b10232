package io.driftless.apply;

import io.driftless.model.InventoryEntry;
import io.driftless.model.ObjectId;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Deletes stale objects in reverse apply order, but only those this Kustomization owns and that no
 * label or annotation protects; a failed delete makes the object a survivor.
 */
final class Pruner {
  private final KubernetesClient client;

  Pruner(KubernetesClient client) {
    this.client = client;
  }

  ChangeSet prune(List<InventoryEntry> stale, OwnerLabels owner, DeletionPropagation propagation) {
    List<InventoryEntry> ordered = new ArrayList<>(stale);
    ordered.sort(Comparator.comparing(InventoryEntry::objectId, KindOrder.APPLY).reversed());
    ChangeSet changes = new ChangeSet();
    List<InventoryEntry> survivors = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (InventoryEntry entry : ordered) {
      ObjectId id = entry.objectId();
      try {
        changes.add(new ChangeSetEntry(id, entry.v(), pruneOne(entry, owner, propagation)));
      } catch (RuntimeException e) {
        survivors.add(entry);
        failures.add(ApiErrors.describe(id.subject(), "delete", e));
      }
    }
    if (!survivors.isEmpty()) {
      throw new PruneException("prune failed: " + String.join("; ", failures), changes, survivors);
    }
    return changes;
  }

  private Action pruneOne(InventoryEntry entry, OwnerLabels owner, DeletionPropagation propagation) {
    Optional<Resource<GenericKubernetesResource>> resource = resource(entry);
    GenericKubernetesResource live = resource.map(Resource::get).orElse(null);
    if (live == null) {
      return Action.DELETED;
    }
    ObjectMeta meta = live.getMetadata();
    boolean protectedObject = FluxMetadata.has(meta, FluxMetadata.PRUNE, "disabled")
        || FluxMetadata.has(meta, FluxMetadata.RECONCILE, "disabled")
        || FluxMetadata.has(meta, FluxMetadata.SSA, "Ignore");
    if (protectedObject || !owner.ownedBy(meta.getLabels())) {
      return Action.SKIPPED;
    }
    resource.get().withPropagationPolicy(propagation).delete();
    return Action.DELETED;
  }

  /** The objects {@code deleted} deleted that still exist (a finalizer holds them), in its order. */
  List<ObjectId> remaining(ChangeSet deleted) {
    List<ObjectId> left = new ArrayList<>();
    for (ChangeSetEntry e : deleted.entries()) {
      if (e.action() == Action.DELETED && resource(e.id(), e.version()).map(Resource::get).isPresent()) {
        left.add(e.id());
      }
    }
    return left;
  }

  private Optional<Resource<GenericKubernetesResource>> resource(InventoryEntry entry) {
    return resource(entry.objectId(), entry.v());
  }

  /** The object's endpoint, or empty when its type is no longer served (so it cannot exist). */
  private Optional<Resource<GenericKubernetesResource>> resource(ObjectId id, String version) {
    String apiVersion = id.group().isEmpty() ? version : id.group() + "/" + version;
    APIResourceList list = client.getApiResources(apiVersion);
    if (list == null) {
      return Optional.empty();
    }
    return list.getResources().stream()
        .filter(r -> r.getKind().equals(id.kind()) && !r.getName().contains("/"))
        .findFirst()
        .map(r -> endpoint(id, version, r));
  }

  private Resource<GenericKubernetesResource> endpoint(ObjectId id, String version, APIResource r) {
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(id.group())
        .withVersion(version).withKind(id.kind()).withPlural(r.getName())
        .withNamespaced(Boolean.TRUE.equals(r.getNamespaced())).build();
    var all = client.genericKubernetesResources(context);
    return Boolean.TRUE.equals(r.getNamespaced())
        ? all.inNamespace(id.namespace()).withName(id.name())
        : all.withName(id.name());
  }
}
