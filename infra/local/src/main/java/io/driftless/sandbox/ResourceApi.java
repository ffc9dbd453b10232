package io.driftless.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The verbs on stored objects: get, list, create, replace, patch, server-side apply and delete. */
final class ResourceApi {
  private final ApiResources resources;
  private final ResourceStore store;
  private final boolean workloadControllers;
  private final ResourceType namespaces;

  ResourceApi(ApiResources resources, ResourceStore store, boolean workloadControllers) {
    this.resources = resources;
    this.store = store;
    this.workloadControllers = workloadControllers;
    this.namespaces = resources.find("v1", "namespaces").orElseThrow();
  }

  /** Creates the namespaces every real cluster starts with. */
  void seedNamespaces(String... names) {
    for (String name : names) {
      ObjectNode ns = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
      ns.putObject("metadata").put("name", name);
      create(new Route(namespaces, null, null, null), ns, false);
    }
  }

  ObjectNode get(Route r) {
    ObjectNode o = store.get(r.type(), ns(r), r.name());
    if (o == null) {
      throw ApiError.notFound(r.type(), r.name());
    }
    return o;
  }

  List<ObjectNode> list(Route r, ApiRequest req) {
    LabelSelector labels = LabelSelector.parse(req.param("labelSelector"));
    Map<String, String> fields = Selectors.fieldSelector(req.param("fieldSelector"));
    return store.list(r.type(), r.type().namespaced() ? r.namespace() : null).stream()
        .filter(o -> labels.test(Selectors.labels(o)))
        .filter(o -> Selectors.matchesFields(o, fields))
        .toList();
  }

  String revision() {
    return store.revision();
  }

  ObjectNode create(Route r, ObjectNode body, boolean dryRun) {
    String name = body.path("metadata").path("name").asText();
    Route target = new Route(r.type(), r.namespace(), name, null);
    checkBody(target, body);
    if (store.exists(r.type(), ns(target), name)) {
      throw ApiError.alreadyExists(r.type(), name);
    }
    return commit(target, null, body, dryRun);
  }

  ObjectNode replace(Route r, ObjectNode body, boolean dryRun) {
    checkBody(r, body);
    ObjectNode live = get(r);
    if (r.subresource() != null) {
      return writeStatus(r, live, body, dryRun);
    }
    String rv = body.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(live.path("metadata").path("resourceVersion").asText())) {
      throw ApiError.conflict(r.type(), r.name(), "the object has been modified; please apply your changes to the latest version and try again");
    }
    return commit(r, live, body, dryRun);
  }

  ObjectNode patch(Route r, String contentType, JsonNode patch, boolean dryRun) {
    ObjectNode live = get(r);
    ObjectNode patched = NonApplyPatches.apply(contentType, live, patch);
    return r.subresource() != null ? writeStatus(r, live, patched, dryRun) : commit(r, live, patched, dryRun);
  }

  /** PUT or PATCH on {@code /status}: only the status changes, and no controller overwrites it. */
  ObjectNode writeStatus(Route r, ObjectNode live, ObjectNode body, boolean dryRun) {
    ObjectNode o = live.deepCopy();
    if (body.has("status")) {
      o.set("status", body.get("status"));
    } else {
      o.remove("status");
    }
    return o.equals(live) || dryRun ? o : store.put(r.type(), o);
  }

  /** Server-side apply; returns the object and whether it was created. */
  Map.Entry<ObjectNode, Boolean> apply(Route r, ObjectNode applied, String manager, boolean force, boolean dryRun) {
    if (manager == null || manager.isEmpty()) {
      throw ApiError.badRequest("PATCH " + r.type().qualifiedPlural() + ": fieldManager is required for apply requests");
    }
    checkBody(r, applied);
    AssociativeKeys.check(r.type(), applied);
    StringMaps.check(r.type(), applied);
    ObjectNode live = store.get(r.type(), ns(r), r.name());
    if (live == null) {
      checkNamespace(r, r.name());
    }
    ObjectNode merged = ServerSideApply.apply(r.type(), live, applied, manager, force, now());
    return Map.entry(commit(r, live, merged, dryRun), live == null);
  }

  /**
   * Deletes as a real server with its namespace and garbage collectors does: an object with finalizers
   * only gets a deletionTimestamp and goes when its last finalizer is removed; a Namespace deletes its
   * contents and stays Terminating while any of them is held by a finalizer.
   */
  ObjectNode delete(Route r) {
    ObjectNode live = get(r);
    if (r.type().kind().equals("Namespace")) {
      return deleteNamespace(r, live);
    }
    if (hasFinalizers(live)) {
      return markDeleted(r.type(), live);
    }
    if (r.type().kind().equals("CustomResourceDefinition")) {
      resources.unregister(r.name()).forEach(store::drop);
    }
    store.remove(r.type(), ns(r), r.name());
    return live;
  }

  private ObjectNode deleteNamespace(Route r, ObjectNode live) {
    boolean held = false;
    for (Map.Entry<ResourceType, ObjectNode> content : store.inNamespace(r.name())) {
      ObjectNode object = content.getValue();
      if (hasFinalizers(object)) {
        held = true;
        markDeleted(content.getKey(), object);
      } else {
        store.remove(content.getKey(), r.name(), object.path("metadata").path("name").asText());
      }
    }
    if (!held) {
      store.remove(r.type(), "", r.name());
      return live;
    }
    ObjectNode terminating = markDeleted(r.type(), live);
    terminating.putObject("status").put("phase", "Terminating");
    return store.put(r.type(), terminating);
  }

  private ObjectNode markDeleted(ResourceType type, ObjectNode live) {
    ObjectNode meta = (ObjectNode) live.get("metadata");
    if (meta.has("deletionTimestamp")) {
      return live;
    }
    meta.put("deletionTimestamp", now());
    return store.put(type, live);
  }

  /** After an update: a deleted object whose last finalizer went is removed, and maybe its namespace. */
  private ObjectNode finishDeletion(Route r, ObjectNode stored) {
    if (!stored.path("metadata").has("deletionTimestamp") || hasFinalizers(stored)) {
      return stored;
    }
    store.remove(r.type(), ns(r), r.name() == null ? stored.path("metadata").path("name").asText() : r.name());
    if (r.type().namespaced()) {
      ObjectNode namespace = store.get(namespaces, "", r.namespace());
      if (namespace != null && namespace.path("metadata").has("deletionTimestamp") && store.inNamespace(r.namespace()).isEmpty()) {
        store.remove(namespaces, "", r.namespace());
      }
    }
    return stored;
  }

  private static boolean hasFinalizers(ObjectNode object) {
    JsonNode finalizers = object.path("metadata").path("finalizers");
    return finalizers.isArray() && !finalizers.isEmpty();
  }

  /** Fills server-set metadata, runs the simulated controllers and stores unless nothing changed. */
  private ObjectNode commit(Route r, ObjectNode live, ObjectNode candidate, boolean dryRun) {
    ObjectNode o = candidate.deepCopy();
    ObjectNode meta = (ObjectNode) o.get("metadata");
    if (r.type().namespaced()) {
      meta.put("namespace", r.namespace());
    } else {
      meta.remove("namespace");
    }
    if (live == null) {
      checkNamespace(r, meta.path("name").asText());
      meta.put("uid", UUID.randomUUID().toString()).put("creationTimestamp", now()).put("generation", 1L);
      meta.remove("resourceVersion");
    } else {
      checkImmutable(r, live, o);
      JsonNode lm = live.get("metadata");
      meta.set("uid", lm.get("uid"));
      meta.set("creationTimestamp", lm.get("creationTimestamp"));
      meta.set("resourceVersion", lm.get("resourceVersion"));
      long generation = lm.path("generation").asLong(1);
      meta.put("generation", specOf(live).equals(specOf(o)) ? generation : generation + 1);
      if (!r.type().kind().equals("CustomResourceDefinition") && live.has("status")) {
        o.set("status", live.get("status"));
      }
    }
    secretStringData(r.type(), o);
    SimulatedControllers.reconcile(r.type(), o, workloadControllers);
    if (o.equals(live) || dryRun) {
      return o;
    }
    if (r.type().kind().equals("CustomResourceDefinition")) {
      resources.register(o);
    }
    if (live != null && live.path("metadata").has("deletionTimestamp")) {
      meta.set("deletionTimestamp", live.path("metadata").get("deletionTimestamp"));
    }
    return finishDeletion(r, store.put(r.type(), o));
  }

  /** As a real server does: a Secret's {@code stringData} is written into {@code data}, base64, and never stored. */
  private static void secretStringData(ResourceType type, ObjectNode o) {
    if (!type.kind().equals("Secret") || !type.apiVersion().equals("v1") || !o.path("stringData").isObject()) {
      return;
    }
    ObjectNode data = o.path("data").isObject() ? (ObjectNode) o.get("data") : o.putObject("data");
    o.get("stringData").fields().forEachRemaining(e -> data.put(e.getKey(),
        Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    o.remove("stringData");
  }

  private void checkBody(Route r, ObjectNode body) {
    String kind = body.path("kind").asText();
    if (!kind.isEmpty() && !kind.equals(r.type().kind())) {
      throw ApiError.badRequest("the kind of the object (" + kind + ") does not match the resource (" + r.type().kind() + ")");
    }
    String name = body.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw ApiError.invalid(r.type(), "", "metadata.name: Required value: name or generateName is required");
    }
    if (r.name() != null && !r.name().equals(name)) {
      throw ApiError.badRequest("the name of the object (" + name + ") does not match the name on the URL (" + r.name() + ")");
    }
    String bodyNs = body.path("metadata").path("namespace").asText("");
    if (r.type().namespaced() && !bodyNs.isEmpty() && !bodyNs.equals(r.namespace())) {
      throw ApiError.badRequest("the namespace of the object (" + bodyNs + ") does not match the namespace on the request (" + r.namespace() + ")");
    }
    if (!body.path("metadata").isObject()) {
      body.putObject("metadata");
    }
    body.put("apiVersion", r.type().apiVersion()).put("kind", r.type().kind());
  }

  /** Workload selectors cannot change, as on a real cluster: the change needs a recreate. */
  private static void checkImmutable(Route r, ObjectNode live, ObjectNode updated) {
    boolean workload = List.of("Deployment", "StatefulSet", "DaemonSet").contains(r.type().kind());
    JsonNode before = live.path("spec").path("selector");
    if (workload && !before.equals(updated.path("spec").path("selector"))) {
      throw ApiError.invalid(r.type(), r.name(), "spec.selector: Invalid value: " + updated.path("spec").path("selector")
          + ": field is immutable");
    }
  }

  private void checkNamespace(Route r, String name) {
    if (!r.type().namespaced()) {
      return;
    }
    ObjectNode namespace = store.get(namespaces, "", r.namespace());
    if (namespace == null) {
      throw ApiError.namespaceNotFound(r.namespace());
    }
    if (namespace.path("metadata").has("deletionTimestamp")) {
      throw ApiError.namespaceTerminating(r.type(), name, r.namespace());
    }
  }

  private static JsonNode specOf(ObjectNode o) {
    ObjectNode copy = o.deepCopy();
    copy.remove(List.of("metadata", "status"));
    return copy;
  }

  private static String ns(Route r) {
    return r.type().namespaced() ? r.namespace() : "";
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
