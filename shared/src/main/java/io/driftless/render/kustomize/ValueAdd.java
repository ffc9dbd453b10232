package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;
import io.driftless.render.kustomize.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ValueAddTransformer: writes one value (by default the kustomization directory's name) at a
 * field path of the selected objects, whole or as one part of a file path.
 */
final class ValueAdd {
  private final KustomizationFile k;
  private final Resource config;

  ValueAdd(KustomizationFile k, Resource config) {
    this.k = k;
    this.config = config;
  }

  @SuppressWarnings("unchecked")
  void run(ResMap m) {
    Map<String, Object> c = config.content();
    String value = KustomizationFile.str(c.get("value")).strip();
    if (value.isEmpty()) {
      value = Paths.fileName(k.dir);
    }
    List<Object> targets = new ArrayList<>();
    if (c.get("targets") instanceof List<?> l) {
      targets.addAll(l);
    }
    String file = KustomizationFile.str(c.get("targetFilePath"));
    if (!file.isEmpty()) {
      for (Map<String, Object> doc : YamlReader.readDocuments(Paths.join(k.dir, file),
          k.readFile(file, "targetFilePath"))) {
        if (doc.get("targets") instanceof List<?> l) {
          targets.addAll(l);
        }
      }
    }
    if (targets.isEmpty()) {
      throw new ManifestException(k.file, "transformers: ValueAddTransformer/" + config.name()
          + ": must specify at least one target");
    }
    for (Object o : targets) {
      Map<String, Object> t = o instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
      String path = KustomizationFile.str(t.get("fieldPath"));
      if (path.isEmpty()) {
        throw new ManifestException(k.file, "transformers: ValueAddTransformer/" + config.name()
            + ": fieldPath cannot be empty");
      }
      int position = t.get("filePathPosition") instanceof Number n ? n.intValue() : 0;
      Target selector = t.get("selector") == null ? null : Target.of(t.get("selector"), k.file);
      List<Resource> selected = new ArrayList<>();
      for (Resource r : m.resources) {
        if (selector == null || selector.matches(r)) {
          selected.add(r);
        }
      }
      if (path.equals("metadata/namespace")) {
        FieldSpecEdits.namespace(selected, value, List.of(), false,
            FieldSpecEdits.SubjectMode.DEFAULT_ONLY);
        continue;
      }
      for (Resource r : selected) {
        set(r.content(), fields(path), value, position);
      }
    }
  }

  /** The path's fields; a backslash before a slash keeps it in the field name. */
  private static List<String> fields(String path) {
    List<String> out = new ArrayList<>();
    for (String f : path.split("/", -1)) {
      if (!out.isEmpty() && out.get(out.size() - 1).endsWith("\\")) {
        String last = out.remove(out.size() - 1);
        out.add(last.substring(0, last.length() - 1) + "/" + f);
      } else {
        out.add(f);
      }
    }
    return out;
  }

  /** Walks (creating mappings) to the last field, a list item by its index, and sets it. */
  @SuppressWarnings("unchecked")
  private void set(Map<String, Object> root, List<String> fields, String value, int position) {
    Object node = root;
    Map<String, Object> parent = null;
    String key = null;
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i);
      boolean last = i == fields.size() - 1;
      if (node instanceof List<?> list && f.matches("\\d+") && Integer.parseInt(f) < list.size()) {
        Object item = list.get(Integer.parseInt(f));
        if (last || !(item instanceof Map<?, ?>)) {
          throw notScalar(f);
        }
        node = item;
        continue;
      }
      if (!(node instanceof Map<?, ?>)) {
        throw notScalar(f);
      }
      Map<String, Object> map = (Map<String, Object>) node;
      if (last) {
        parent = map;
        key = f;
        break;
      }
      Object child = map.get(f);
      if (child == null) {
        child = new LinkedHashMap<String, Object>();
        map.put(f, child);
      }
      node = child;
    }
    Object cur = parent.get(key);
    if (cur instanceof Map<?, ?> || cur instanceof List<?>) {
      throw notScalar(key);
    }
    String old = cur == null ? "" : cur.toString();
    parent.put(key, position > 0 ? insertPathPart(old, position - 1, value) : value);
  }

  private ManifestException notScalar(String field) {
    return new ManifestException(k.file, "transformers: ValueAddTransformer/" + config.name()
        + ": field " + field + " is not a scalar");
  }

  /** kustomize's InsertPathPart: {@code part} at position {@code pos} of a slash-separated path. */
  static String insertPathPart(String path, int pos, String part) {
    if (part.isEmpty()) {
      return path;
    }
    if (path.isEmpty()) {
      return part;
    }
    if (path.equals("/")) {
      return "/" + part;
    }
    boolean abs = path.startsWith("/");
    List<String> parts = new ArrayList<>(List.of((abs ? path.substring(1) : path).split("/", -1)));
    parts.add(Math.max(0, Math.min(pos, parts.size())), part);
    return (abs ? "/" : "") + String.join("/", parts);
  }
}
