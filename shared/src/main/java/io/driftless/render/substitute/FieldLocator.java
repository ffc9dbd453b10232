package io.driftless.render.substitute;

import java.util.List;
import java.util.Map;

/**
 * Finds the field of an object whose text makes substitution fail, so that errors can name it
 * ({@code spec.template.spec.containers[0].image}) without quoting any content.
 */
final class FieldLocator {
  private final Envsubst engine;

  FieldLocator(Envsubst engine) {
    this.engine = engine;
  }

  /** The path of the first key or string value that fails to expand alone; empty when none does. */
  String locate(Map<String, Object> content) {
    String found = inMap(content, "");
    return found == null ? "" : found;
  }

  @SuppressWarnings("unchecked")
  private String inValue(Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      return inMap((Map<String, Object>) map, path);
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String found = inValue(list.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    return value instanceof String s && fails(s) ? path : null;
  }

  private String inMap(Map<String, Object> map, String path) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      if (fails(e.getKey())) {
        return child + " (the key)";
      }
      String found = inValue(e.getValue(), child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private boolean fails(String text) {
    if (!text.contains("${")) {
      return false;
    }
    try {
      engine.expand(text);
      return false;
    } catch (EnvsubstSyntaxException | UnsetVariableException e) {
      return true;
    }
  }
}
