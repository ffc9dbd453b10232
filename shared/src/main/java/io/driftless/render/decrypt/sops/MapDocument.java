package io.driftless.render.decrypt.sops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A document held as ordered maps and lists (JSON files, Kubernetes objects); decrypts in place. */
class MapDocument implements SopsDocument {
  static final String SOPS = "sops";
  private final Map<String, Object> root;

  MapDocument(Map<String, Object> root) {
    this.root = root;
  }

  Map<String, Object> root() {
    return root;
  }

  @Override
  public Map<?, ?> metadata() {
    return root.get(SOPS) instanceof Map<?, ?> m ? m : null;
  }

  @Override
  public List<Slot> slots() {
    List<Slot> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : root.entrySet()) {
      if (!e.getKey().equals(SOPS)) {
        walk(e.getValue(), List.of(e.getKey()), e::setValue, out);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void walk(Object value, List<String> path, java.util.function.Consumer<Object> setter, List<Slot> out) {
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        walk(e.getValue(), append(path, e.getKey()), e::setValue, out);
      }
    } else if (value instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      for (int i = 0; i < list.size(); i++) {
        int index = i;
        walk(list.get(i), path, v -> list.set(index, v), out);
      }
    } else {
      out.add(new Slot(path, value, false, setter));
    }
  }

  static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(key);
    return out;
  }

  /** The content without its metadata, as JSON with tab indentation like sops writes it. */
  @Override
  public byte[] render() {
    root.remove(SOPS);
    return JsonOutput.write(root);
  }
}
