package io.driftless.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Server-side apply: merges an applied configuration into the live object, tracks which manager
 * owns which field in {@code metadata.managedFields}, removes fields a manager stopped applying
 * (unless someone else owns them) and refuses to change another Apply manager's field without force.
 */
final class ServerSideApply {
  private record Entry(String manager, String operation, String apiVersion, String time, FieldSet fields) {}

  private ServerSideApply() {}

  /** The object after the apply, with managedFields updated; live is null when creating. */
  static ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager,
      boolean force, String now) {
    ObjectNode result = live == null ? JsonNodeFactory.instance.objectNode() : live.deepCopy();
    Map<String, Entry> entries = entries(live);
    FieldSet appliedFields = FieldSet.of(applied);
    String key = manager + "/Apply";
    List<String> conflicts = new ArrayList<>();
    for (Entry other : new ArrayList<>(entries.values())) {
      if (other.manager().equals(manager) || !other.operation().equals("Apply")) {
        continue;
      }
      List<List<String>> lost = new ArrayList<>();
      for (List<String> p : appliedFields.paths()) {
        if (other.fields().paths().contains(p)
            && !Objects.equals(FieldSet.valueAt(live, p), FieldSet.valueAt(applied, p))) {
          conflicts.add("conflict with \"" + other.manager() + "\": " + dotted(p));
          lost.add(p);
        }
      }
      if (force && !lost.isEmpty()) {
        FieldSet left = other.fields().minus(FieldSet.fromPaths(lost));
        entries.remove(other.manager() + "/" + other.operation());
        if (!left.isEmpty()) {
          entries.put(other.manager() + "/" + other.operation(),
              new Entry(other.manager(), other.operation(), other.apiVersion(), other.time(), left));
        }
      }
    }
    if (!force && !conflicts.isEmpty()) {
      throw ApiError.applyConflict(type, applied.path("metadata").path("name").asText(),
          "Apply failed with " + conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s")
              + ": " + String.join("\n", conflicts));
    }
    Entry previous = entries.get(key);
    if (previous != null) {
      FieldSet stale = previous.fields().minus(appliedFields);
      for (List<String> p : stale.paths()) {
        if (entries.values().stream().noneMatch(e -> e != previous && e.fields().paths().contains(p))) {
          FieldSet.remove(result, p);
        }
      }
    }
    merge(result, withoutStatus(applied));
    boolean unchanged = previous != null && previous.fields().equals(appliedFields)
        && previous.apiVersion().equals(type.apiVersion());
    entries.put(key, unchanged ? previous
        : new Entry(manager, "Apply", type.apiVersion(), now, appliedFields));
    ((ObjectNode) result.get("metadata")).set("managedFields", render(entries));
    return result;
  }

  /** Deep merge: maps merge, lists keyed by name merge per item, any other value replaces. */
  static void merge(ObjectNode target, JsonNode patch) {
    patch.fields().forEachRemaining(e -> {
      JsonNode current = target.get(e.getKey());
      JsonNode value = e.getValue();
      if (current instanceof ObjectNode c && value.isObject()) {
        merge(c, value);
      } else if (current instanceof ArrayNode c && FieldSet.keyedByName(c) && FieldSet.keyedByName(value)) {
        mergeItems(c, value);
      } else {
        target.set(e.getKey(), value.deepCopy());
      }
    });
  }

  private static void mergeItems(ArrayNode current, JsonNode items) {
    for (JsonNode item : items) {
      JsonNode match = null;
      for (JsonNode c : current) {
        if (FieldSet.itemKey(c).equals(FieldSet.itemKey(item))) {
          match = c;
        }
      }
      if (match instanceof ObjectNode m) {
        merge(m, item);
      } else {
        current.add(item.deepCopy());
      }
    }
  }

  private static ObjectNode withoutStatus(ObjectNode applied) {
    ObjectNode copy = applied.deepCopy();
    copy.remove("status");
    ObjectNode metadata = (ObjectNode) copy.path("metadata");
    metadata.remove(List.of("managedFields", "resourceVersion", "uid", "generation", "creationTimestamp"));
    return copy;
  }

  private static Map<String, Entry> entries(ObjectNode live) {
    Map<String, Entry> out = new LinkedHashMap<>();
    if (live == null) {
      return out;
    }
    for (JsonNode m : live.path("metadata").path("managedFields")) {
      Entry e = new Entry(m.path("manager").asText(), m.path("operation").asText(),
          m.path("apiVersion").asText(), m.path("time").asText(),
          FieldSet.fromFieldsV1(m.path("fieldsV1")));
      out.put(e.manager() + "/" + e.operation(), e);
    }
    return out;
  }

  private static ArrayNode render(Map<String, Entry> entries) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (Entry e : entries.values()) {
      ObjectNode n = list.addObject().put("manager", e.manager()).put("operation", e.operation())
          .put("apiVersion", e.apiVersion()).put("time", e.time()).put("fieldsType", "FieldsV1");
      n.set("fieldsV1", e.fields().toFieldsV1());
    }
    return list;
  }

  /** {@code .spec.replicas}, {@code .spec.containers[name="app"].image}: the real conflict notation. */
  private static String dotted(List<String> path) {
    StringBuilder out = new StringBuilder();
    for (String pe : path) {
      if (pe.startsWith("f:")) {
        out.append('.').append(pe.substring(2));
      } else if (pe.startsWith("k:")) {
        out.append('[').append(pe.substring(3, pe.length() - 1).replace("\"name\":", "name=")).append(']');
      }
    }
    return out.toString();
  }
}
