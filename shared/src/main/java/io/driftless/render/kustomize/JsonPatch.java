package io.driftless.render.kustomize;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RFC 6902 operations (add, remove, replace, move, copy, test) with RFC 6901 pointers. */
final class JsonPatch {
  private JsonPatch() {}

  @SuppressWarnings("unchecked")
  static void apply(Resource r, List<?> ops, String file) {
    for (Object o : ops) {
      if (!(o instanceof Map<?, ?> om)) {
        throw new ManifestException(file, "JSON patch operation must be a mapping");
      }
      Map<String, Object> op = (Map<String, Object>) om;
      String kind = String.valueOf(op.get("op"));
      String path = String.valueOf(op.get("path"));
      try {
        switch (kind) {
          case "add" -> add(r.content(), path, copy(op.get("value")), true);
          case "replace" -> {
            remove(r.content(), path);
            add(r.content(), path, copy(op.get("value")), true);
          }
          case "remove" -> remove(r.content(), path);
          case "move" -> add(r.content(), path, remove(r.content(), String.valueOf(op.get("from"))), true);
          case "copy" -> add(r.content(), path, copy(get(r.content(), String.valueOf(op.get("from")))), true);
          case "test" -> {
            if (!java.util.Objects.equals(get(r.content(), path), op.get("value"))) {
              throw new IllegalArgumentException("test failed");
            }
          }
          default -> throw new IllegalArgumentException("unknown op '" + kind + "'");
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException | ClassCastException e) {
        throw new ManifestException(file, r.object.subject() + ": JSON patch " + kind + " " + path
            + " failed: " + e.getMessage());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      return KubeObject.copyMap((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      return KubeObject.copyMap(Map.of("x", l)).get("x");
    }
    return v;
  }

  private static List<String> tokens(String path) {
    List<String> out = new ArrayList<>();
    if (path.isEmpty()) {
      return out;
    }
    for (String t : path.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object parent(Map<String, Object> root, List<String> toks) {
    Object node = root;
    for (int i = 0; i < toks.size() - 1; i++) {
      node = child(node, toks.get(i));
      if (node == null) {
        throw new IllegalArgumentException("path not found");
      }
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Object child(Object node, String tok) {
    if (node instanceof Map<?, ?> m) {
      return ((Map<String, Object>) m).get(tok);
    }
    if (node instanceof List<?> l) {
      return l.get(Integer.parseInt(tok));
    }
    return null;
  }

  static Object get(Map<String, Object> root, String path) {
    List<String> toks = tokens(path);
    return toks.isEmpty() ? root : child(parent(root, toks), toks.get(toks.size() - 1));
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> root, String path, Object value, boolean insert) {
    List<String> toks = tokens(path);
    Object parent = parent(root, toks);
    String last = toks.get(toks.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(last, value);
    } else if (parent instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      if (last.equals("-")) {
        list.add(value);
      } else {
        list.add(Integer.parseInt(last), value);
      }
    } else {
      throw new IllegalArgumentException("parent is not a map or list");
    }
  }

  @SuppressWarnings("unchecked")
  private static Object remove(Map<String, Object> root, String path) {
    List<String> toks = tokens(path);
    Object parent = parent(root, toks);
    String last = toks.get(toks.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      if (!m.containsKey(last)) {
        throw new IllegalArgumentException("path not found");
      }
      return ((Map<String, Object>) m).remove(last);
    }
    if (parent instanceof List<?> l) {
      return ((List<Object>) l).remove(Integer.parseInt(last));
    }
    throw new IllegalArgumentException("path not found");
  }
}
