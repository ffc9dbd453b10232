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
 * Applies one object the way Flux does (skip by label, server-side dry-run, compare with the live object,
 * write only when something drifted, so an unchanged object keeps its resourceVersion), but cheaper:
 * the live object comes from a bulk read and the dry-run is only sent when a local comparison finds a
 * difference. In detect-only mode nothing is written and drift is reported instead.
 */
final class ObjectApplier {
  private final KubernetesClient client;
  private final Poller poller;
  private final ManagedFieldsCleanup cleanup;
  private final ServedKinds servedKinds;

  ObjectApplier(KubernetesClient client, Poller poller) {
    this.client = client;
    this.poller = poller;
    this.cleanup = new ManagedFieldsCleanup(client);
    this.servedKinds = ServedKinds.of(client);
  }

  /**
   * Applies one object. {@code live} is the stage's bulk read: an object it covers needs no GET, an
   * object missing from it is created without a dry-run, and an existing one is dry-run only when it
   * looks different locally ({@link LocalDiff}) and written only when the dry-run differs.
   */
  ChangeSetEntry apply(KubeObject object, LiveObjects live, ApplyOptions options) {
    try {
      servedKinds.require(object);
    } catch (ServedKinds.UnservedKindException e) {
      if (options.detectOnly()) {
        return drifted(object, List.of("not in the cluster: " + e.getMessage()));
      }
      throw e;
    }
    GenericKubernetesResource desired = toResource(object);
    GenericKubernetesResource current = live.covers(object.id()) ? live.get(object.id()) : null;
    boolean mayExist = !live.covers(object.id())
        || (live.byLabels(object.id()) && FluxMetadata.has(desired.getMetadata(), FluxMetadata.SSA, "IfNotPresent"));
    if (current == null && mayExist) {
      current = client.resource(desired).get();
    }
    if (skipped(desired.getMetadata(), current)) {
      return entry(object, Action.SKIPPED);
    }
    if (current == null) {
      return create(object, desired, options);
    }
    boolean merge = FluxMetadata.has(desired.getMetadata(), FluxMetadata.SSA, "Merge");
    if (!merge && !options.detectOnly()) {
      current = cleanup.cleanup(current);
    }
    Map<String, Object> liveMap = asMap(current);
    List<String> suspect = LocalDiff.applied(asMap(desired), liveMap, cleanup.owned(current, !merge));
    if (suspect.isEmpty()) {
      return entry(object, Action.UNCHANGED);
    }
    GenericKubernetesResource dryRun;
    try {
      dryRun = serverSideApply(desired, true);
    } catch (RuntimeException e) {
      if (!mayRecreate(desired, options) || !ApiErrors.isImmutable(e)) {
        throw e;
      }
      if (options.detectOnly()) {
        return drifted(object, List.of("an immutable field (apply would recreate the object)"));
      }
      recreate(desired, options.stageWaitTimeout());
      return entry(object, Action.CREATED);
    }
    List<String> drift = LocalDiff.between(asMap(dryRun), liveMap);
    if (drift.isEmpty()) {
      return entry(object, Action.UNCHANGED);
    }
    if (options.detectOnly()) {
      return drifted(object, drift);
    }
    serverSideApply(desired, false);
    return entry(object, Action.CONFIGURED);
  }

  /** A create is one apply request; an immutable-field refusal means it existed after all (without our labels). */
  private ChangeSetEntry create(KubeObject object, GenericKubernetesResource desired, ApplyOptions options) {
    if (options.detectOnly()) {
      return drifted(object, List.of("not in the cluster"));
    }
    try {
      serverSideApply(desired, false);
    } catch (RuntimeException e) {
      if (!mayRecreate(desired, options) || !ApiErrors.isImmutable(e)) {
        throw e;
      }
      recreate(desired, options.stageWaitTimeout());
    }
    return entry(object, Action.CREATED);
  }

  private static boolean mayRecreate(GenericKubernetesResource desired, ApplyOptions options) {
    return options.force() || FluxMetadata.has(desired.getMetadata(), FluxMetadata.FORCE, "enabled");
  }

  /** The live objects of one stage, in bulk. */
  LiveObjects readLive(List<KubeObject> objects, ApplyOptions options) {
    return LiveObjects.read(client, servedKinds, objects, options);
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

  /** The object as a plain map, as {@link LocalDiff} compares it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> asMap(GenericKubernetesResource r) {
    return client.getKubernetesSerialization().convertValue(r, Map.class);
  }

  private static ChangeSetEntry entry(KubeObject object, Action action) {
    return new ChangeSetEntry(object.id(), object.version(), action);
  }

  private static ChangeSetEntry drifted(KubeObject object, List<String> fields) {
    return new ChangeSetEntry(object.id(), object.version(), Action.DRIFTED, fields);
  }
}
