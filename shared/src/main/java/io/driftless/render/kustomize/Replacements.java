package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code replacements}: copy a source field into target fields, whole or one delimited part. */
final class Replacements {
  private final KustomizationFile k;

  Replacements(KustomizationFile k) {
    this.k = k;
  }

  @SuppressWarnings("unchecked")
  void run(ResMap m) {
    for (Map<String, Object> entry : k.maps("replacements")) {
      String path = KustomizationFile.str(entry.get("path"));
      List<Map<String, Object>> list = new ArrayList<>();
      if (path.isEmpty()) {
        list.add(entry);
      } else {
        for (Object doc : YamlReader.readValues(path, k.readFile(path, "replacements"))) {
          if (doc instanceof List<?> l) {
            l.forEach(o -> list.add((Map<String, Object>) o));
          } else if (doc instanceof Map<?, ?> d) {
            list.add((Map<String, Object>) d);
          }
        }
      }
      for (Map<String, Object> r : list) {
        replace(m, r);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void replace(ResMap m, Map<String, Object> r) {
    Map<String, Object> source = (Map<String, Object>) r.get("source");
    if (source == null) {
      throw new ManifestException(k.file, "replacements: a replacement needs a source");
    }
    Target sel = Target.of(source, k.file);
    Resource src = null;
    for (Resource res : m.resources) {
      if (sel.matches(res)) {
        if (src != null) {
          throw new ManifestException(k.file, "replacements: more than one source matches "
              + source);
        }
        src = res;
      }
    }
    if (src == null) {
      throw new ManifestException(k.file, "replacements: nothing selected by source " + source);
    }
    String fieldPath = source.get("fieldPath") == null ? "metadata.name"
        : source.get("fieldPath").toString();
    Object value = FieldPath.get(src.content(), fieldPath);
    if (value == null) {
      throw new ManifestException(k.file, "replacements: " + src.object.subject()
          + " has no field " + fieldPath);
    }
    Map<String, Object> sopts = source.get("options") instanceof Map<?, ?> o
        ? (Map<String, Object>) o : Map.of();
    value = part(value, sopts);
    for (Object t : (List<Object>) r.getOrDefault("targets", List.of())) {
      Map<String, Object> target = (Map<String, Object>) t;
      Target select = Target.of(target.get("select"), k.file);
      List<Target> rejects = new ArrayList<>();
      for (Object rej : (List<Object>) target.getOrDefault("reject", List.of())) {
        rejects.add(Target.of(rej, k.file));
      }
      Map<String, Object> topts = target.get("options") instanceof Map<?, ?> o
          ? (Map<String, Object>) o : Map.of();
      boolean create = Boolean.TRUE.equals(topts.get("create"));
      for (Resource res : m.resources) {
        if (!select.matches(res) || rejects.stream().anyMatch(x -> x.matches(res))) {
          continue;
        }
        for (String fp : KustomizationFile.strings(target.get("fieldPaths"))) {
          set(res, fp, value, topts, create);
        }
      }
    }
  }

  private static Object part(Object value, Map<String, Object> opts) {
    String delimiter = KustomizationFile.str(opts.get("delimiter"));
    if (delimiter.isEmpty()) {
      return value;
    }
    String[] parts = value.toString().split(java.util.regex.Pattern.quote(delimiter), -1);
    int index = opts.get("index") instanceof Number n ? n.intValue() : 0;
    return index >= 0 && index < parts.length ? parts[index] : "";
  }

  @SuppressWarnings("unchecked")
  private void set(Resource res, String fp, Object value, Map<String, Object> opts, boolean create) {
    Object copy = value instanceof Map<?, ?> mv ? KubeObject.copyMap((Map<String, Object>) mv) : value;
    String delimiter = KustomizationFile.str(opts.get("delimiter"));
    FieldPath.visit(res.content(), FieldPath.split(fp), 0, create, (parent, key) -> {
      Object v = copy;
      if (!delimiter.isEmpty()) {
        Object cur = parent instanceof Map<?, ?> pm ? pm.get(key)
            : ((List<Object>) parent).get(Integer.parseInt((String) key));
        List<String> parts = new ArrayList<>(Arrays.asList(
            String.valueOf(cur == null ? "" : cur).split(java.util.regex.Pattern.quote(delimiter), -1)));
        int index = opts.get("index") instanceof Number n ? n.intValue() : 0;
        if (index < 0) {
          parts.add(0, copy.toString());
        } else if (index >= parts.size()) {
          parts.add(copy.toString());
        } else {
          parts.set(index, copy.toString());
        }
        v = String.join(delimiter, parts);
      }
      if (parent instanceof Map<?, ?> pm) {
        ((Map<String, Object>) pm).put((String) key, v);
      } else {
        ((List<Object>) parent).set(Integer.parseInt((String) key), v);
      }
    });
  }
}
