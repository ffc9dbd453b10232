package io.driftless.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set of fields one manager owns, as leaf paths in the managedFields {@code FieldsV1} format:
 * {@code f:<field>} for map fields, {@code k:{"name":"x"}} for items of lists keyed by name (with
 * {@code .} for the item itself); any other list is atomic.
 */
final class FieldSet {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> UNTRACKED_METADATA = Set.of("name", "namespace", "uid",
      "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp");

  private final Set<List<String>> paths;

  private FieldSet(Set<List<String>> paths) {
    this.paths = paths;
  }

  /** The fields an applied configuration sets (identity, server-set metadata and status excluded). */
  static FieldSet of(JsonNode applied) {
    Set<List<String>> out = new LinkedHashSet<>();
    applied.fields().forEachRemaining(e -> {
      String f = e.getKey();
      if (f.equals("metadata")) {
        e.getValue().fields().forEachRemaining(m -> {
          if (!UNTRACKED_METADATA.contains(m.getKey())) {
            collect(m.getValue(), List.of("f:metadata", "f:" + m.getKey()), out);
          }
        });
      } else if (!Set.of("apiVersion", "kind", "status").contains(f)) {
        collect(e.getValue(), List.of("f:" + f), out);
      }
    });
    return new FieldSet(out);
  }

  static FieldSet fromPaths(java.util.Collection<List<String>> paths) {
    return new FieldSet(new LinkedHashSet<>(paths));
  }

  static FieldSet fromFieldsV1(JsonNode fieldsV1) {
    Set<List<String>> out = new LinkedHashSet<>();
    leaves(fieldsV1, new ArrayList<>(), out);
    return new FieldSet(out);
  }

  ObjectNode toFieldsV1() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    List<List<String>> sorted = new ArrayList<>(paths);
    sorted.sort(FieldSet::compare);
    for (List<String> p : sorted) {
      ObjectNode n = root;
      for (String pe : p) {
        n = n.has(pe) ? (ObjectNode) n.get(pe) : n.putObject(pe);
      }
    }
    return root;
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  Set<List<String>> paths() {
    return paths;
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }

  FieldSet minus(FieldSet other) {
    Set<List<String>> out = new LinkedHashSet<>(paths);
    out.removeAll(other.paths);
    return new FieldSet(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet f && f.paths.equals(paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode();
  }

  /** The value at a path, or null when the object does not have it. */
  static JsonNode valueAt(JsonNode root, List<String> path) {
    JsonNode n = root;
    for (String pe : path) {
      if (n == null || pe.equals(".")) {
        return n;
      }
      n = pe.startsWith("f:") ? n.get(pe.substring(2)) : item(n, pe);
    }
    return n;
  }

  /** Removes the field at a path, then any map it leaves empty. */
  static void remove(ObjectNode root, List<String> path) {
    List<String> parentPath = path.subList(0, path.size() - 1);
    String last = path.get(path.size() - 1);
    if (last.equals(".")) {
      JsonNode list = valueAt(root, parentPath.subList(0, parentPath.size() - 1));
      JsonNode item = valueAt(root, parentPath);
      if (list instanceof ArrayNode a && item != null) {
        for (Iterator<JsonNode> it = a.elements(); it.hasNext(); ) {
          if (it.next() == item) {
            it.remove();
          }
        }
      }
      return;
    }
    if (valueAt(root, parentPath) instanceof ObjectNode parent && last.startsWith("f:")) {
      parent.remove(last.substring(2));
      if (parent.isEmpty() && !parentPath.isEmpty() && parentPath.get(parentPath.size() - 1).startsWith("f:")) {
        remove(root, parentPath);
      }
    }
  }

  /** True when every element of the list is an object with a string {@code name}: merged by name. */
  static boolean keyedByName(JsonNode list) {
    if (!list.isArray() || list.isEmpty()) {
      return false;
    }
    for (JsonNode e : list) {
      if (!e.isObject() || !e.path("name").isTextual()) {
        return false;
      }
    }
    return true;
  }

  static String itemKey(JsonNode item) {
    try {
      return "k:" + JSON.writeValueAsString(Map.of("name", item.path("name").asText()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode item(JsonNode list, String pe) {
    if (!list.isArray()) {
      return null;
    }
    for (JsonNode e : list) {
      if (e.isObject() && pe.equals(itemKey(e))) {
        return e;
      }
    }
    return null;
  }

  private static void collect(JsonNode value, List<String> path, Set<List<String>> out) {
    if (value.isObject() && !value.isEmpty()) {
      value.fields().forEachRemaining(e -> collect(e.getValue(), append(path, "f:" + e.getKey()), out));
    } else if (keyedByName(value)) {
      for (JsonNode item : value) {
        List<String> itemPath = append(path, itemKey(item));
        out.add(append(itemPath, "."));
        item.fields().forEachRemaining(e -> collect(e.getValue(), append(itemPath, "f:" + e.getKey()), out));
      }
    } else {
      out.add(path);
    }
  }

  private static void leaves(JsonNode node, List<String> path, Set<List<String>> out) {
    if (node.isEmpty() && !path.isEmpty()) {
      out.add(List.copyOf(path));
      return;
    }
    node.fields().forEachRemaining(e -> {
      path.add(e.getKey());
      leaves(e.getValue(), path, out);
      path.remove(path.size() - 1);
    });
  }

  private static List<String> append(List<String> path, String pe) {
    List<String> out = new ArrayList<>(path);
    out.add(pe);
    return List.copyOf(out);
  }
}
