package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One parsed kustomization.yaml and the files it may read (confined to its directory). */
final class KustomizationFile {
  static final List<String> NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
  private static final Set<String> REFUSED =
      Set.of("helmCharts", "helmGlobals", "helmChartInflationGenerator", "validators");

  /** The kustomization's fields; kubectl reads them (through Go's JSON) ignoring letter case. */
  private static final List<String> FIELDS = List.of("apiVersion", "kind", "metadata", "openapi",
      "namePrefix", "nameSuffix", "namespace", "commonLabels", "labels", "commonAnnotations",
      "patchesStrategicMerge", "patchesJson6902", "patches", "images", "replacements", "replicas",
      "vars", "sortOptions", "resources", "components", "crds", "bases", "configMapGenerator",
      "secretGenerator", "helmGlobals", "helmCharts", "helmChartInflationGenerator",
      "generatorOptions", "configurations", "generators", "transformers", "validators",
      "buildMetadata");

  final String dir;
  final String file;
  final Map<String, Object> fields;
  final Loader loader;

  private KustomizationFile(String dir, String file, Map<String, Object> fields, Loader loader) {
    this.dir = dir;
    this.file = file;
    this.fields = fields;
    this.loader = loader;
  }

  static KustomizationFile load(Loader loader, String dir) {
    for (String name : NAMES) {
      String path = Paths.join(dir, name);
      if (loader.fs().isFile(path)) {
        return parse(loader, dir, path, loader.readConfined(path, dir, "kustomization"));
      }
    }
    return null;
  }

  static KustomizationFile parse(Loader loader, String dir, String path, String text) {
    List<Map<String, Object>> docs = YamlReader.readDocuments(path, text, true);
    // kubectl reads only the first document of a multi-document kustomization
    Map<String, Object> fields = docs.isEmpty() ? new java.util.LinkedHashMap<>()
        : canonicalKeys(docs.get(0));
    for (String key : fields.keySet()) {
      if (REFUSED.contains(key)) {
        throw new ManifestException(path, "field " + key + " is not supported: "
            + (key.startsWith("helm") ? "Helm charts are not rendered"
                : "plugins that run an executable or container are refused"));
      }
    }
    return new KustomizationFile(dir, path, fields, loader);
  }

  /**
   * A kustomization holding {@code fields} in place of this one's, read as this one (same
   * directory and loader) but reporting {@code source}: how a builtin plugin config reuses the
   * code of the kustomization field it stands for.
   */
  KustomizationFile with(Map<String, Object> fields, String source) {
    return new KustomizationFile(dir, source, fields, loader);
  }

  /** The fields under their canonical names; of two spellings of one field the later one counts. */
  private static Map<String, Object> canonicalKeys(Map<String, Object> doc) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    doc.forEach((key, v) -> {
      String name = key;
      if (!FIELDS.contains(key)) {
        for (String f : FIELDS) {
          if (f.equalsIgnoreCase(key)) {
            name = f;
          }
        }
      }
      out.remove(name);
      out.put(name, v);
    });
    return out;
  }

  boolean isComponent() {
    return "Component".equals(fields.get("kind"));
  }

  String readFile(String rel, String field) {
    return loader.readConfined(Paths.join(dir, rel), dir, field);
  }

  byte[] readBytes(String rel, String field) {
    return loader.readBytesConfined(Paths.join(dir, rel), dir, field);
  }

  String string(String key) {
    return str(fields.get(key));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String key) {
    Object v = fields.get(key);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> maps(String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    Object v = fields.get(key);
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof Map<?, ?>)) {
          throw new ManifestException(file, key + ": each entry must be a mapping");
        }
        out.add((Map<String, Object>) o);
      }
    } else if (v != null) {
      throw new ManifestException(file, key + ": must be a list");
    }
    return out;
  }

  List<String> strings(String key) {
    return strings(fields.get(key));
  }

  static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        out.add(str(o));
      }
    }
    return out;
  }

  /** A string-valued map field (labels, annotations); like kubectl, other types are refused. */
  @SuppressWarnings("unchecked")
  Map<String, String> stringMap(Object o, String field) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (o instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).forEach((key, v) -> out.put(key, string(v, field + "." + key)));
    }
    return out;
  }

  /** A string field; numbers, booleans and null are refused as kubectl refuses them. */
  String string(Object v, String field) {
    if (v != null && !(v instanceof String)) {
      throw new ManifestException(file, field + ": must be a string, got " + v
          + " (quote it)");
    }
    return v == null ? "" : (String) v;
  }

  static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
