package io.driftless.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 6901 JSON Pointer ({@code /spec/replicas}, {@code /metadata/labels/app.kubernetes.io~1name})
 * over an object's map-and-list content: read a value, remove it, or put one there.
 */
record JsonPointer(String text, List<String> tokens) {

  static JsonPointer parse(String pointer) {
    if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
      throw new IllegalArgumentException("JSON pointer must start with '/': " + pointer);
    }
    List<String> tokens = new ArrayList<>();
    if (!pointer.isEmpty()) {
      for (String t : pointer.substring(1).split("/", -1)) {
        tokens.add(t.replace("~1", "/").replace("~0", "~"));
      }
    }
    return new JsonPointer(pointer, List.copyOf(tokens));
  }

  /** The value at this pointer, if there is one (an explicit null counts as a value). */
  Optional<Object> get(Object root) {
    Object node = root;
    for (String token : tokens) {
      if (node instanceof Map<?, ?> map && map.containsKey(token)) {
        node = map.get(token);
      } else if (node instanceof List<?> list && index(token, list.size()) >= 0) {
        node = list.get(index(token, list.size()));
      } else {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(node).or(() -> Optional.of(NULL));
  }

  /** Removes the value at this pointer; nothing happens when there is none. */
  void remove(Object root) {
    Object parent = parent(root);
    String last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      map.remove(last);
    } else if (parent instanceof List<?> list && index(last, list.size()) >= 0) {
      list.remove(index(last, list.size()));
    }
  }

  /** Puts {@code value} at this pointer when its parent exists (a map key is added, a list item replaced). */
  @SuppressWarnings("unchecked")
  void set(Object root, Object value) {
    Object parent = parent(root);
    String last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    Object v = value == NULL ? null : value;
    if (parent instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(last, v);
    } else if (parent instanceof List<?> list && index(last, list.size()) >= 0) {
      ((List<Object>) list).set(index(last, list.size()), v);
    }
  }

  private Object parent(Object root) {
    if (tokens.isEmpty()) {
      return null;
    }
    return new JsonPointer(text, tokens.subList(0, tokens.size() - 1)).get(root).filter(n -> n != NULL).orElse(null);
  }

  private static int index(String token, int size) {
    if (token == null || !token.matches("0|[1-9][0-9]{0,8}")) {
      return -1;
    }
    int i = Integer.parseInt(token);
    return i < size ? i : -1;
  }

  /** Stands for an explicit JSON null found at a pointer. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };
}
