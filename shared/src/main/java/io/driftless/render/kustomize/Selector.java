package io.driftless.render.kustomize;

import java.util.Map;

/** Kubernetes equality-based selectors: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a}, {@code !a}. */
final class Selector {
  private Selector() {}

  static boolean matches(String selector, Map<String, String> values) {
    if (selector == null || selector.isBlank()) {
      return true;
    }
    for (String term : selector.split(",")) {
      String t = term.trim();
      if (t.contains("!=")) {
        String[] kv = t.split("!=", 2);
        if (kv[1].trim().equals(values.get(kv[0].trim()))) {
          return false;
        }
      } else if (t.contains("=")) {
        String[] kv = t.replace("==", "=").split("=", 2);
        if (!kv[1].trim().equals(values.get(kv[0].trim()))) {
          return false;
        }
      } else if (t.startsWith("!")) {
        if (values.containsKey(t.substring(1))) {
          return false;
        }
      } else if (!values.containsKey(t)) {
        return false;
      }
    }
    return true;
  }
}
