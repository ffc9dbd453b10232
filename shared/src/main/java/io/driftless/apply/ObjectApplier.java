package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Applies one object the way Flux does: skip by label, server-side dry-run, compare with the live
 * object, and only write when something drifted, so an unchanged object keeps its resourceVersion.
 */
final class ObjectApplier {
  private static final List<String> IGNORED_METADATA =
      List.of("managedFields", "resourceVersion", "generation", "uid", "creationTimestamp");

  private final KubernetesClient client;
  private final Poller poller;
  private final ManagedFieldsCleanup cleanup;
  private final ServedKinds servedKinds;

  ObjectApplier(KubernetesClient client, Poller poller) {
    this.client = client;
    this.poller = poller;
    this.cleanup = new ManagedFieldsCleanup(client);
    this.servedKinds = new ServedKinds(client);
  }

  ChangeSetEntry apply(KubeObject object, ApplyOptions options) {
    servedKinds.require(object);
    GenericKubernetesResource desired = toResource(object);
    GenericKubernetesResource live = client.resource(desired).get();
    if (skipped(desired.getMetadata(), live)) {
      return entry(object, Action.SKIPPED);
    }
    if (live != null && !FluxMetadata.has(desired.getMetadata(), FluxMetadata.SSA, "Merge") && cleanup.cleanup(live)) {
      live = client.resource(desired).get();
    }
    GenericKubernetesResource dryRun;
    try {
      dryRun = serverSideApply(desired, true);
    } catch (RuntimeException e) {
      boolean mayRecreate = options.force() || FluxMetadata.has(desired.getMetadata(), FluxMetadata.FORCE, "enabled");
      if (live == null || !mayRecreate || !ApiErrors.isImmutable(e)) {
        throw e;
      }
      recreate(desired, options.stageWaitTimeout());
      return entry(object, Action.CREATED);
    }
    if (live != null && sameContent(dryRun, live)) {
      return entry(object, Action.UNCHANGED);
    }
    serverSideApply(desired, false);
    return entry(object, live == null ? Action.CREATED : Action.CONFIGURED);
  }

  /** The object as sent to the API server: a copy of the rendered content with Flux's native defaults. */
  GenericKubernetesResource toResource(KubeObject object) {
    GenericKubernetesResource resource =
        client.getKubernetesSerialization().convertValue(object.content(), GenericKubernetesResource.class);
    NativeDefaults.set(object, resource.getAdditionalProperties());
    return resource;
  }

  private static boolean skipped(ObjectMeta desired, GenericKubernetesResource live) {
    ObjectMeta liveMeta = live == null ? null : live.getMetadata();
    return FluxMetadata.has(desired, FluxMetadata.RECONCILE, "disabled")
        || FluxMetadata.has(liveMeta, FluxMetadata.RECONCILE, "disabled")
        || FluxMetadata.has(desired, FluxMetadata.SSA, "Ignore")
        || FluxMetadata.has(liveMeta, FluxMetadata.SSA, "Ignore")
        || (live != null && FluxMetadata.has(desired, FluxMetadata.SSA, "IfNotPresent"));
  }

  GenericKubernetesResource serverSideApply(GenericKubernetesResource desired, boolean dryRun) {
    var resource = client.resource(desired);
    return (dryRun ? resource.dryRun() : resource)
        .fieldManager(ResourceManager.FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /** Deletes the object, waits until it is gone, then applies it again. */
  private void recreate(GenericKubernetesResource desired, Duration timeout) {
    client.resource(desired).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    poller.await(timeout, () -> client.resource(desired).get() == null);
    serverSideApply(desired, false);
  }

  /** Equal apart from server-set metadata and status: Flux's drift test. */
  private boolean sameContent(GenericKubernetesResource a, GenericKubernetesResource b) {
    return comparable(a).equals(comparable(b));
  }

  /** The object as Flux's drift test compares it: without status and server-set metadata. */
  @SuppressWarnings("unchecked")
  Map<String, Object> comparable(GenericKubernetesResource r) {
    Map<String, Object> m = client.getKubernetesSerialization().convertValue(r, Map.class);
    m.remove("status");
    if (m.get("metadata") instanceof Map<?, ?> meta) {
      IGNORED_METADATA.forEach(meta::remove);
    }
    return m;
  }

  private static ChangeSetEntry entry(KubeObject object, Action action) {
    return new ChangeSetEntry(object.id(), object.version(), action);
  }
}
