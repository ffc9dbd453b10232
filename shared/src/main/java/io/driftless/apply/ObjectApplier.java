package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one object the way Flux does (skip by label, server-side dry-run, compare with the live object,
 * write only when something drifted, so an unchanged object keeps its resourceVersion), in two steps so
 * that a stage is written whole or not at all: {@link #plan} decides, {@link #write} sends. Cheaper than
 * Flux: the live object comes from a bulk read and the dry-run of an existing object is only sent when a
 * local comparison finds a difference. In detect-only mode nothing is written and drift is reported instead.
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

  /** What to write for one object, if anything. */
  enum Write { NONE, APPLY, RECREATE }

  /**
   * One object's apply, decided before anything of its stage is written: the entry it will report and
   * the write that makes it so. {@code validated} is false only for a create sent without a dry-run,
   * which {@link ResourceManager} writes first in its stage, so that its refusal leaves nothing written.
   */
  record Planned(KubeObject object, GenericKubernetesResource desired, ChangeSetEntry entry, Write write,
      boolean validated) {}

  /** The API server refused an object's server-side dry-run: nothing of its stage is written. */
  static final class DryRunRefused extends RuntimeException {
    DryRunRefused(RuntimeException refusal) {
      super(refusal.getMessage(), refusal);
    }

    RuntimeException refusal() {
      return (RuntimeException) getCause();
    }
  }

  /**
   * Decides one object's apply and writes nothing but a managed-fields cleanup (as Flux's dry-run pass
   * does). {@code live} is the stage's bulk read: an object it covers needs no GET; an existing object is
   * dry-run only when it looks different locally ({@link LocalDiff}) and is to be written only when the
   * dry-run differs. An object missing from the cluster is dry-run when {@code validateCreate}, and
   * otherwise left to its write to validate.
   */
  Planned plan(KubeObject object, LiveObjects live, ApplyOptions options, boolean validateCreate) {
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
      return planned(object, desired, Action.SKIPPED, Write.NONE);
    }
    if (current == null) {
      return create(object, desired, options, validateCreate);
    }
    boolean merge = FluxMetadata.has(desired.getMetadata(), FluxMetadata.SSA, "Merge");
    if (!merge && !options.detectOnly()) {
      current = cleanup.cleanup(current);
    }
    Map<String, Object> liveMap = asMap(current);
    List<JsonPointer> ignored = DriftDetector.IgnoreRule.pathsOf(object, options.ignore());
    List<String> suspect = LocalDiff.applied(adopt(asMap(desired), liveMap, ignored), liveMap,
        cleanup.owned(current, !merge));
    if (suspect.isEmpty()) {
      return planned(object, desired, Action.UNCHANGED, Write.NONE);
    }
    GenericKubernetesResource dryRun;
    try {
      dryRun = serverSideApply(desired, true);
    } catch (RuntimeException e) {
      if (!mayRecreate(desired, options) || !ApiErrors.isImmutable(e)) {
        throw new DryRunRefused(e);
      }
      if (options.detectOnly()) {
        return drifted(object, List.of("an immutable field (apply would recreate the object)"));
      }
      return planned(object, desired, Action.CREATED, Write.RECREATE);
    }
    Map<String, Object> dryRunMap = asMap(dryRun);
    List<JsonPointer> driftedIgnored = ignored.stream().filter(p -> !p.get(dryRunMap).equals(p.get(liveMap))).toList();
    List<String> drift = LocalDiff.between(without(dryRunMap, ignored), without(asMap(current), ignored));
    if (drift.isEmpty()) {
      return planned(object, desired, Action.UNCHANGED, Write.NONE);
    }
    if (options.detectOnly()) {
      return drifted(object, drift);
    }
    return planned(object, keepLive(desired, current, driftedIgnored), Action.CONFIGURED, Write.APPLY);
  }

  /**
   * A create is one apply request, and a dry-run before it when it must be validated; an immutable-field
   * refusal means it existed after all (without our labels).
   */
  private Planned create(KubeObject object, GenericKubernetesResource desired, ApplyOptions options, boolean validate) {
    if (options.detectOnly()) {
      return drifted(object, List.of("not in the cluster"));
    }
    if (!validate) {
      return new Planned(object, desired, entry(object, Action.CREATED), Write.APPLY, false);
    }
    try {
      serverSideApply(desired, true);
    } catch (RuntimeException e) {
      if (!mayRecreate(desired, options) || !ApiErrors.isImmutable(e)) {
        throw new DryRunRefused(e);
      }
      return planned(object, desired, Action.CREATED, Write.RECREATE);
    }
    return planned(object, desired, Action.CREATED, Write.APPLY);
  }

  /** Sends what {@code planned} decided; a create refused for an immutable field is recreated when forced. */
  void write(Planned planned, ApplyOptions options) {
    switch (planned.write()) {
      case NONE -> { }
      case RECREATE -> recreate(planned.desired(), options.stageWaitTimeout());
      case APPLY -> {
        try {
          serverSideApply(planned.desired(), false);
        } catch (RuntimeException e) {
          if (!mayRecreate(planned.desired(), options) || !ApiErrors.isImmutable(e)) {
            throw e;
          }
          recreate(planned.desired(), options.stageWaitTimeout());
        }
      }
    }
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

  /** {@code content} without the values at the {@code ignored} paths. */
  static Map<String, Object> without(Map<String, Object> content, List<JsonPointer> ignored) {
    ignored.forEach(p -> p.remove(content));
    return content;
  }

  /** {@code desired} with the live values at the {@code ignored} paths (none where the live object has none). */
  GenericKubernetesResource keepLive(GenericKubernetesResource desired, GenericKubernetesResource live,
      List<JsonPointer> ignored) {
    if (ignored.isEmpty()) {
      return desired;
    }
    return client.getKubernetesSerialization()
        .convertValue(adopt(asMap(desired), asMap(live), ignored), GenericKubernetesResource.class);
  }

  private static Map<String, Object> adopt(Map<String, Object> want, Map<String, Object> have, List<JsonPointer> ignored) {
    for (JsonPointer p : ignored) {
      Optional<Object> value = p.get(have);
      if (value.isPresent()) {
        p.set(want, value.get());
      } else {
        p.remove(want);
      }
    }
    return want;
  }

  /** The object as a plain map, as {@link LocalDiff} compares it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> asMap(GenericKubernetesResource r) {
    return client.getKubernetesSerialization().convertValue(r, Map.class);
  }

  private static ChangeSetEntry entry(KubeObject object, Action action) {
    return new ChangeSetEntry(object.id(), object.version(), action);
  }

  private static Planned planned(KubeObject object, GenericKubernetesResource desired, Action action, Write write) {
    return new Planned(object, desired, entry(object, action), write, true);
  }

  private static Planned drifted(KubeObject object, List<String> fields) {
    return new Planned(object, null,
        new ChangeSetEntry(object.id(), object.version(), Action.DRIFTED, fields), Write.NONE, true);
  }
}
