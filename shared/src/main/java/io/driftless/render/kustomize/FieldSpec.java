package io.driftless.render.kustomize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A field in some kinds of objects ({@code spec/template/metadata/labels}); a list on the way is
 * walked item by item, written {@code containers[]} or, as kustomize also accepts, plain
 * {@code containers}. {@code create} says whether a transformer may add the field when missing.
 */
record FieldSpec(String group, String kind, String path, boolean create) {

  static FieldSpec all(String path, boolean create) {
    return new FieldSpec(null, null, path, create);
  }

  static FieldSpec of(String group, String kind, String path, boolean create) {
    return new FieldSpec(group, kind, path, create);
  }

  /** A field spec as configurations and plugin configs write it: group, kind, path, create. */
  static FieldSpec parse(Object o) {
    Map<?, ?> m = (Map<?, ?>) o;
    Object group = m.get("group");
    Object kind = m.get("kind");
    return new FieldSpec(group == null ? null : group.toString(), kind == null ? null : kind.toString(),
        String.valueOf(m.get("path")), Boolean.TRUE.equals(m.get("create")));
  }

  boolean appliesTo(Resource r) {
    return (kind == null || kind.equals(r.kind())) && (group == null || group.equals(r.object.group()));
  }

  /** Calls {@code action(parent, key)} for each place the path reaches (creating parents if allowed). */
  void visit(Map<String, Object> root, BiConsumer<Map<String, Object>, String> action) {
    walk(root, path.split("/"), 0, action);
  }

  @SuppressWarnings("unchecked")
  private void walk(Map<String, Object> node, String[] segs, int i,
      BiConsumer<Map<String, Object>, String> action) {
    String seg = segs[i];
    boolean list = seg.endsWith("[]");
    String key = list ? seg.substring(0, seg.length() - 2) : seg;
    if (i == segs.length - 1 && !list) {
      if (node.containsKey(key) || create) {
        action.accept(node, key);
      }
      return;
    }
    Object child = node.get(key);
    if (child == null) {
      if (!create || list) {
        return;
      }
      child = new LinkedHashMap<String, Object>();
      node.put(key, child);
    }
    if (list || child instanceof List<?>) {
      if (child instanceof List<?> items) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> m && i + 1 < segs.length) {
            walk((Map<String, Object>) m, segs, i + 1, action);
          }
        }
      }
      return;
    }
    if (child instanceof Map<?, ?> m) {
      walk((Map<String, Object>) m, segs, i + 1, action);
    }
  }
}
