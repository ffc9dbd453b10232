package io.driftless.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.ParseLimits;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the fields we apply with a live object without asking the API server. An object "looks the
 * same" when every field we apply has the live value and the live object holds no field our manager owns
 * that we no longer apply; fields only other managers own, and fields the server defaulted, are not
 * looked at. A difference is only a suspicion: the server's dry-run decides (normalisation such as
 * {@code cpu: 1000m} → {@code 1} looks different here and dry-runs identical).
 */
final class LocalDiff {
  private static final ObjectMapper JSON = ParseLimits.jsonMapper();
  private static final Set<String> SKIPPED_TOP = Set.of("apiVersion", "kind", "status");
  private static final Set<String> SKIPPED_METADATA = Set.of("name", "namespace", "creationTimestamp",
      "resourceVersion", "uid", "generation", "managedFields", "selfLink", "deletionTimestamp",
      "deletionGracePeriodSeconds");
  /** Maps whose values are resource quantities, compared by amount ({@code 1000m} equals {@code 1}). */
  private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests", "hard", "capacity");

  private LocalDiff() {}

  /**
   * The paths ({@code .data.mode}, {@code .spec.template.spec.containers[name=web].image}) where the live
   * object differs from what we apply; empty when it looks the same. {@code owned} is our manager's
   * {@code fieldsV1} on the live object (empty map when it owns nothing).
   */
  static List<String> applied(Map<String, Object> desired, Map<String, Object> live, Map<String, Object> owned) {
    Set<String> paths = new LinkedHashSet<>();
    desired.forEach((key, value) -> {
      if (key.equals("metadata") && value instanceof Map<?, ?> meta) {
        Map<String, Object> liveMeta = map(live.get("metadata"));
        map(meta).forEach((k, v) -> {
          if (!SKIPPED_METADATA.contains(k)) {
            subset(v, liveMeta == null ? null : liveMeta.get(k), ".metadata." + k, false, paths);
          }
        });
      } else if (key.equals("stringData") && "Secret".equals(desired.get("kind")) && value instanceof Map<?, ?> plain) {
        stringData(map(plain), map(live.get("data")), paths);
      } else if (!SKIPPED_TOP.contains(key)) {
        subset(value, live.get(key), "." + key, false, paths);
      }
    });
    Map<String, Object> ownedTop = new LinkedHashMap<>(owned);
    ownedTop.remove("f:status");
    stale(ownedTop, desired, "", paths);
    return List.copyOf(paths);
  }

  /**
   * A Secret's {@code stringData} is never stored: the server writes it into {@code data}, base64-encoded,
   * so each value is compared with the decoded live one.
   */
  private static void stringData(Map<String, Object> plain, Map<String, Object> data, Set<String> paths) {
    plain.forEach((k, v) -> {
      Object encoded = data == null ? null : data.get(k);
      if (!(encoded instanceof String e && v != null && decodesTo(e, v.toString()))) {
        paths.add(".stringData." + k);
      }
    });
  }

  private static boolean decodesTo(String base64, String plain) {
    try {
      return Arrays.equals(Base64.getDecoder().decode(base64), plain.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The paths where two whole objects differ, server-set metadata and status left out: what drifted. */
  static List<String> between(Map<String, Object> expected, Map<String, Object> actual) {
    Set<String> paths = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      if (key.equals("metadata")) {
        Map<String, Object> a = map(expected.get(key));
        Map<String, Object> b = map(actual.get(key));
        Set<String> metaKeys = new LinkedHashSet<>(a == null ? Set.of() : a.keySet());
        metaKeys.addAll(b == null ? Set.of() : b.keySet());
        metaKeys.stream().filter(k -> !SKIPPED_METADATA.contains(k)).forEach(k ->
            equal(a == null ? null : a.get(k), b == null ? null : b.get(k), ".metadata." + k, paths));
      } else if (!SKIPPED_TOP.contains(key)) {
        equal(expected.get(key), actual.get(key), "." + key, paths);
      }
    }
    return List.copyOf(paths);
  }

  /** Every field of {@code desired} has the live value (live may hold more). */
  private static void subset(Object desired, Object live, String path, boolean quantity, Set<String> paths) {
    if (desired instanceof Map<?, ?> d) {
      Map<String, Object> l = map(live);
      if (l == null) {
        paths.add(path);
        return;
      }
      boolean quantities = QUANTITY_MAPS.contains(path.substring(path.lastIndexOf('.') + 1));
      map(d).forEach((k, v) -> subset(v, l.get(k), path + "." + k, quantities, paths));
    } else if (desired instanceof List<?> d) {
      if (!(live instanceof List<?> l) || l.size() != d.size()) {
        paths.add(path);
        return;
      }
      for (int i = 0; i < d.size(); i++) {
        subset(d.get(i), l.get(i), path + item(d.get(i), i), false, paths);
      }
    } else if (!scalarEqual(desired, live, quantity)) {
      paths.add(path);
    }
  }

  private static void equal(Object a, Object b, String path, Set<String> paths) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      Set<Object> keys = new LinkedHashSet<>(x.keySet());
      keys.addAll(y.keySet());
      keys.forEach(k -> equal(x.get(k), y.get(k), path + "." + k, paths));
    } else if (a instanceof List<?> x && b instanceof List<?> y && x.size() == y.size()) {
      for (int i = 0; i < x.size(); i++) {
        equal(x.get(i), y.get(i), path + item(x.get(i), i), paths);
      }
    } else if (!scalarEqual(a, b, false)) {
      paths.add(path);
    }
  }

  /** Fields our manager owns that we no longer apply: an apply would remove them. */
  private static void stale(Map<String, Object> owned, Object desired, String path, Set<String> paths) {
    for (Map.Entry<String, Object> e : owned.entrySet()) {
      String key = e.getKey();
      Map<String, Object> children = map(e.getValue());
      if (key.equals(".")) {
        continue;
      }
      if (key.startsWith("f:")) {
        String field = key.substring(2);
        Map<String, Object> d = map(desired);
        if (d == null || !d.containsKey(field)) {
          paths.add(path + "." + field);
        } else if (children != null && !children.isEmpty()) {
          stale(children, d.get(field), path + "." + field, paths);
        }
      } else if (key.startsWith("k:") || key.startsWith("v:") || key.startsWith("i:")) {
        Object element = element(key, desired);
        String itemPath = path + "[" + label(key) + "]";
        if (element == null) {
          paths.add(itemPath);
        } else if (children != null && !children.isEmpty()) {
          stale(children, element, itemPath, paths);
        }
      }
    }
  }

  /** {@code port=80,protocol=TCP} for a {@code k:} key, the value for {@code v:}, the index for {@code i:}. */
  private static String label(String key) {
    Object parsed = key.startsWith("i:") ? key.substring(2) : parse(key.substring(2));
    Map<String, Object> keys = map(parsed);
    return keys == null ? String.valueOf(parsed)
        : keys.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  /** The desired list element a {@code k:}, {@code v:} or {@code i:} key names, or null. */
  private static Object element(String key, Object desired) {
    if (!(desired instanceof List<?> list)) {
      return null;
    }
    String body = key.substring(2);
    if (key.startsWith("i:")) {
      int index = Integer.parseInt(body);
      return index < list.size() ? list.get(index) : null;
    }
    Object parsed = parse(body);
    for (Object candidate : list) {
      if (key.startsWith("v:") ? scalarEqual(parsed, candidate, false) : matchesKeys(map(parsed), candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean matchesKeys(Map<String, Object> keys, Object candidate) {
    Map<String, Object> c = map(candidate);
    return keys != null && c != null && keys.entrySet().stream().allMatch(k -> scalarEqual(k.getValue(), c.get(k.getKey()), false));
  }

  private static boolean scalarEqual(Object a, Object b, boolean quantity) {
    if (Objects.equals(a, b)) {
      return true;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    return quantity && a != null && b != null && quantityEqual(a, b);
  }

  /** Values of resource maps ({@link #QUANTITY_MAPS}) are equal when their amounts are. */
  private static boolean quantityEqual(Object a, Object b) {
    try {
      return Quantity.getAmountInBytes(new Quantity(a.toString()))
          .compareTo(Quantity.getAmountInBytes(new Quantity(b.toString()))) == 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String item(Object element, int index) {
    Map<String, Object> m = map(element);
    return m != null && m.get("name") instanceof String name ? "[name=" + name + "]" : "[" + index + "]";
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }
}
