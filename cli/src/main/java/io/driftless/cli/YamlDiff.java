package io.driftless.cli;

import io.driftless.model.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The difference between a live object and its server-side dry-run as a unified diff of their YAML
 * (two lines of context), without status and the metadata the server sets on every write. Secret
 * values are masked: {@code *****} when equal, {@code ***** (before)} / {@code ***** (after)} when not.
 */
final class YamlDiff {
  private static final List<String> VOLATILE_METADATA =
      List.of("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink");
  private static final int CONTEXT = 2;

  private YamlDiff() {}

  /** Empty when they are the same. */
  static String between(Map<String, Object> live, Map<String, Object> desired, boolean secret) {
    Map<String, Object> before = cleaned(live);
    Map<String, Object> after = cleaned(desired);
    if (secret) {
      mask(before, after, "data");
      mask(before, after, "stringData");
    }
    if (before.equals(after)) {
      return "";
    }
    return unified(Yaml.write(before).lines().toList(), Yaml.write(after).lines().toList());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cleaned(Map<String, Object> object) {
    Map<String, Object> out = new LinkedHashMap<>(object);
    out.remove("status");
    if (out.get("metadata") instanceof Map<?, ?> m) {
      Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) m);
      VOLATILE_METADATA.forEach(metadata::remove);
      out.put("metadata", metadata);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void mask(Map<String, Object> before, Map<String, Object> after, String field) {
    Map<String, Object> b = before.get(field) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, Object> a = after.get(field) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, Object> maskedBefore = new LinkedHashMap<>();
    Map<String, Object> maskedAfter = new LinkedHashMap<>();
    b.forEach((k, v) -> maskedBefore.put(k, Objects.equals(v, a.get(k)) ? "*****" : "***** (before)"));
    a.forEach((k, v) -> maskedAfter.put(k, Objects.equals(v, b.get(k)) ? "*****" : "***** (after)"));
    if (before.containsKey(field)) {
      before.put(field, maskedBefore);
    }
    if (after.containsKey(field)) {
      after.put(field, maskedAfter);
    }
  }

  /** A unified diff of two line lists (longest common subsequence), hunks with {@value #CONTEXT} lines of context. */
  static String unified(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        lines.add("  " + a.get(i++));
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        lines.add("+ " + b.get(j++));
      } else {
        lines.add("- " + a.get(i++));
      }
    }
    StringBuilder out = new StringBuilder();
    int lastPrinted = -1;
    for (int k = 0; k < lines.size(); k++) {
      if (near(lines, k)) {
        if (lastPrinted >= 0 && k > lastPrinted + 1) {
          out.append("  ...\n");
        }
        out.append(lines.get(k)).append('\n');
        lastPrinted = k;
      }
    }
    return out.toString();
  }

  private static boolean near(List<String> lines, int k) {
    for (int d = Math.max(0, k - CONTEXT); d <= Math.min(lines.size() - 1, k + CONTEXT); d++) {
      if (!lines.get(d).startsWith("  ")) {
        return true;
      }
    }
    return false;
  }
}
