package io.driftless.render.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strategic merge for the built-in types: maps merge, {@code null} deletes, {@code $patch: delete}
 * and {@code $patch: replace} act on maps and list items, and the lists Kubernetes merges by key
 * (containers, env, volumes, ports, volumeMounts...) merge by that key in built-in kinds; other
 * lists, and every list of a custom resource, are replaced. Like kustomize 5.5, the other {@code $}
 * directives ($retainKeys, $setElementOrder, $deleteFromPrimitiveList) are kept as plain fields.
 * A custom OpenAPI schema replaces the built-in rules ({@link MergeRules}).
 */
final class StrategicMerge {
  private StrategicMerge() {}

  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> target, Map<String, Object> patch, MergeRules rules) {
    if ("replace".equals(patch.get("$patch"))) {
      target.clear();
      patch.forEach((k, v) -> {
        if (!k.equals("$patch")) {
          target.put(k, v);
        }
      });
      return;
    }
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String key = e.getKey();
      Object pv = e.getValue();
      if (key.equals("$patch")) {
        continue;
      }
      Object tv = target.get(key);
      if (pv == null) {
        target.remove(key);
      } else if (pv instanceof Map<?, ?> pm && "delete".equals(pm.get("$patch"))) {
        target.remove(key);
      } else if (pv instanceof Map<?, ?> pm && tv instanceof Map<?, ?> tm) {
        merge((Map<String, Object>) tm, (Map<String, Object>) pm, rules.field(key));
      } else if (pv instanceof List<?> pl && tv instanceof List<?> tl) {
        target.put(key, mergeList((List<Object>) tl, (List<Object>) pl, rules.field(key)));
      } else {
        target.put(key, strip(pv));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> mergeList(List<Object> target, List<Object> patch, MergeRules rules) {
    if (rules.unionScalars()) {
      List<Object> out = new ArrayList<>(patch);
      target.stream().filter(t -> !patch.contains(t)).forEach(out::add);
      return out;
    }
    String mergeKey = rules.mergeKey(patch);
    if (mergeKey == null) {
      List<Object> out = new ArrayList<>();
      for (Object p : patch) {
        out.add(strip(p));
      }
      return out;
    }
    List<Object> rest = new ArrayList<>(target);
    List<Object> out = new ArrayList<>();
    for (Object p : patch) {
      Map<String, Object> pm = (Map<String, Object>) p;
      Object id = pm.get(mergeKey);
      Map<String, Object> match = null;
      for (Object t : rest) {
        if (t instanceof Map<?, ?> tm && id != null && id.equals(tm.get(mergeKey))) {
          match = (Map<String, Object>) tm;
        }
      }
      if (match != null) {
        rest.remove(match);
      }
      if ("delete".equals(pm.get("$patch"))) {
        continue;
      }
      if (match == null) {
        out.add(strip(pm));
      } else if ("replace".equals(pm.get("$patch"))) {
        out.add(match); // kustomize keeps a matched item marked replace as it was
      } else {
        merge(match, pm, rules.items());
        out.add(match);
      }
    }
    out.addAll(rest);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object strip(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, val) -> {
        if (!k.equals("$patch") && val != null) {
          out.put(k, strip(val));
        }
      });
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(strip(x)));
      return out;
    }
    return v;
  }
}
