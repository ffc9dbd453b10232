package io.driftless.apply;

import io.driftless.model.KubeObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The defaults Flux sets on native kinds before a server-side apply: {@code protocol: TCP} on Service
 * ports and on the ports of containers and init containers in Pods and pod templates. API servers with
 * the associative-list bug (v1.20 among them) refuse an apply whose list item omits a key field that the
 * server itself defaults ("associative list with keys has an element that omits key field protocol").
 * Resource quantities written as YAML numbers ({@code cpu: 0.5}, {@code memory: 1024}) become the
 * quantity strings the server would store ({@code 500m}, {@code 1024}), as Flux's normalisation through
 * the typed objects does: a v1.20 server refuses a number where its schema has a quantity.
 * Custom kinds are left as they are: their schema is theirs.
 */
final class NativeDefaults {
  private static final String TCP = "TCP";
  private static final Set<String> WORKLOAD_GROUPS = Set.of("", "apps", "batch");

  private NativeDefaults() {}

  /** Sets the defaults in {@code content}: the top-level fields of a copy of the object, which stays as rendered. */
  static void set(KubeObject object, Map<String, Object> content) {
    if (!WORKLOAD_GROUPS.contains(object.group())) {
      return;
    }
    switch (object.kind()) {
      case "Service" -> defaultProtocols(path(content, "spec"), "ports");
      case "PersistentVolumeClaim" -> quantities(path(content, "spec", "resources"), "requests", "limits");
      case "ResourceQuota" -> quantities(path(content, "spec"), "hard");
      case "LimitRange" -> limitRanges(path(content, "spec"));
      case "Pod" -> podSpec(path(content, "spec"));
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController" ->
          podSpec(path(content, "spec", "template", "spec"));
      case "CronJob" -> podSpec(path(content, "spec", "jobTemplate", "spec", "template", "spec"));
      default -> { }
    }
  }

  private static void podSpec(Map<String, Object> spec) {
    if (spec == null) {
      return;
    }
    for (String containers : List.of("initContainers", "containers", "ephemeralContainers")) {
      if (spec.get(containers) instanceof List<?> list) {
        for (Object container : list) {
          if (container instanceof Map<?, ?> map) {
            defaultProtocols(cast(map), "ports");
            quantities(path(cast(map), "resources"), "limits", "requests");
          }
        }
      }
    }
  }

  private static void defaultProtocols(Map<String, Object> owner, String field) {
    if (owner != null && owner.get(field) instanceof List<?> ports) {
      for (Object port : ports) {
        if (port instanceof Map<?, ?> map && map.get("protocol") == null) {
          cast(map).put("protocol", TCP);
        }
      }
    }
  }

  private static void limitRanges(Map<String, Object> spec) {
    if (spec != null && spec.get("limits") instanceof List<?> limits) {
      for (Object limit : limits) {
        if (limit instanceof Map<?, ?> map) {
          quantities(cast(map), "max", "min", "default", "defaultRequest", "maxLimitRequestRatio");
        }
      }
    }
  }

  /** Each number in the maps {@code owner.fields} (resource name to quantity) as its quantity string. */
  private static void quantities(Map<String, Object> owner, String... fields) {
    if (owner == null) {
      return;
    }
    for (String field : fields) {
      if (owner.get(field) instanceof Map<?, ?> amounts) {
        cast(amounts).replaceAll((resource, amount) -> amount instanceof Number n ? quantity(n) : amount);
      }
    }
  }

  /** {@code 0.5} as {@code 500m}, {@code 2} as {@code 2}: the server's canonical form of a plain number. */
  static String quantity(Number number) {
    BigDecimal value = new BigDecimal(number.toString()).stripTrailingZeros();
    String[] suffixes = {"", "m", "u", "n"};
    for (int i = 0; i < suffixes.length; i++) {
      BigDecimal scaled = value.movePointRight(3 * i);
      if (scaled.signum() == 0 || scaled.stripTrailingZeros().scale() <= 0) {
        return scaled.toBigIntegerExact().toString() + suffixes[i];
      }
    }
    return value.toPlainString();
  }

  private static Map<String, Object> path(Map<String, Object> root, String... keys) {
    Map<String, Object> current = root;
    for (String key : keys) {
      if (current == null || !(current.get(key) instanceof Map<?, ?> next)) {
        return null;
      }
      current = cast(next);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
