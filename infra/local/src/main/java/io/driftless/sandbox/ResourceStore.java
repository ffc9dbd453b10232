package io.driftless.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The sandbox's object storage: one sorted map per group and resource, keyed "namespace/name",
 * with a global resourceVersion counter as etcd's revision would be.
 */
final class ResourceStore {
  private final Map<String, NavigableMap<String, ObjectNode>> objects = new HashMap<>();
  private final Map<String, ResourceType> types = new HashMap<>();
  private final Watches watches;
  private long revision = 1;

  ResourceStore(Watches watches) {
    this.watches = watches;
  }

  ObjectNode get(ResourceType type, String namespace, String name) {
    ObjectNode o = table(type).get(key(namespace, name));
    return o == null ? null : o.deepCopy();
  }

  boolean exists(ResourceType type, String namespace, String name) {
    return table(type).containsKey(key(namespace, name));
  }

  /** Objects of {@code type}; every namespace when {@code namespace} is null. */
  List<ObjectNode> list(ResourceType type, String namespace) {
    NavigableMap<String, ObjectNode> t = table(type);
    List<ObjectNode> out = new ArrayList<>();
    Map<String, ObjectNode> view = namespace == null ? t : t.subMap(namespace + "/", namespace + "0");
    view.values().forEach(o -> out.add(o.deepCopy()));
    return out;
  }

  /** Stores the object under a new resourceVersion and returns a copy of what was stored. */
  ObjectNode put(ResourceType type, ObjectNode object) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    metadata.put("resourceVersion", Long.toString(++revision));
    String ns = type.namespaced() ? metadata.path("namespace").asText() : "";
    ObjectNode previous = table(type).put(key(ns, metadata.path("name").asText()), object.deepCopy());
    watches.changed(revision, previous == null ? "ADDED" : "MODIFIED", type, object.deepCopy());
    return object;
  }

  ObjectNode remove(ResourceType type, String namespace, String name) {
    ObjectNode removed = table(type).remove(key(namespace, name));
    if (removed != null) {
      revision++;
      watches.changed(revision, "DELETED", type, removed.deepCopy());
    }
    return removed;
  }

  /** Drops every object stored for a type, as deleting its CRD does. */
  void drop(ResourceType type) {
    objects.remove(type.storageKey());
  }

  /** Every object stored in {@code namespace}, with its type. */
  List<Map.Entry<ResourceType, ObjectNode>> inNamespace(String namespace) {
    List<Map.Entry<ResourceType, ObjectNode>> out = new ArrayList<>();
    objects.forEach((key, t) -> t.subMap(namespace + "/", namespace + "0").values()
        .forEach(o -> out.add(Map.entry(types.get(key), o.deepCopy()))));
    return out;
  }

  String revision() {
    return Long.toString(revision);
  }

  private NavigableMap<String, ObjectNode> table(ResourceType type) {
    types.putIfAbsent(type.storageKey(), type);
    return objects.computeIfAbsent(type.storageKey(), k -> new TreeMap<>());
  }

  private static String key(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }
}
