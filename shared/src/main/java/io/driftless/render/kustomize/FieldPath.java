package io.driftless.render.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * kustomize's replacement field paths: {@code spec.template.spec.containers.[name=web].image},
 * with {@code [k=v]} picking list items, numbers indexing lists and {@code *} matching all.
 */
final class FieldPath {
  private FieldPath() {}

  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    for (char c : path.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (c == '.' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** The value at the path, or null. */
  static Object get(Object root, String path) {
    List<Object> found = new ArrayList<>();
    visit(root, split(path), 0, false, (parent, key) -> {
      if (parent instanceof Map<?, ?> m) {
        found.add(m.get(key));
      } else if (parent instanceof List<?> l) {
        found.add(l.get(Integer.parseInt((String) key)));
      }
    });
    return found.isEmpty() ? null : found.get(0);
  }

  /** Calls {@code action(parentMapOrList, keyOrIndex)} for each place the path reaches. */
  @SuppressWarnings("unchecked")
  static void visit(Object node, List<String> segs, int i, boolean create,
      BiConsumer<Object, Object> action) {
    String seg = segs.get(i);
    boolean last = i == segs.size() - 1;
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      if (seg.equals("*")) {
        for (String k : new ArrayList<>(map.keySet())) {
          step(map.get(k), map, k, segs, i, create, action);
        }
        return;
      }
      if (!map.containsKey(seg)) {
        if (!create) {
          return;
        }
        if (!last) {
          map.put(seg, segs.get(i + 1).startsWith("[") ? new ArrayList<>() : new LinkedHashMap<>());
        }
      }
      step(map.get(seg), map, seg, segs, i, create, action);
    } else if (node instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      for (int idx = 0; idx < list.size(); idx++) {
        Object item = list.get(idx);
        if (seg.equals("*") || seg.equals(String.valueOf(idx)) || matchesItem(item, seg)) {
          step(item, list, String.valueOf(idx), segs, i, create, action);
        }
      }
    }
  }

  private static void step(Object child, Object parent, Object key, List<String> segs, int i,
      boolean create, BiConsumer<Object, Object> action) {
    if (i == segs.size() - 1) {
      action.accept(parent, key);
    } else if (child != null) {
      visit(child, segs, i + 1, create, action);
    }
  }

  private static boolean matchesItem(Object item, String seg) {
    if (!(seg.startsWith("[") && seg.endsWith("]") && item instanceof Map<?, ?> m)) {
      return false;
    }
    String[] kv = seg.substring(1, seg.length() - 1).split("=", 2);
    return kv.length == 2 && kv[1].equals(String.valueOf(m.get(kv[0])));
  }
}
