package io.driftless.render.kustomize;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.render.kustomize.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code generators:} and {@code transformers:} fields: each entry is inline YAML, a file or a
 * directory holding a kustomization, and yields plugin configs. Configs of {@code apiVersion:
 * builtin} kinds run kustomize's built-in plugins ({@link BuiltinGenerator},
 * {@link BuiltinTransformer}); any other config names an exec or container plugin and is refused.
 */
final class BuiltinPlugins {
  static final Set<String> GENERATORS =
      Set.of("ConfigMapGenerator", "SecretGenerator", "IAMPolicyGenerator",
          "HelmChartInflationGenerator");
  static final Set<String> TRANSFORMERS =
      Set.of("AnnotationsTransformer", "HashTransformer", "ImageTagTransformer",
          "LabelTransformer", "NamespaceTransformer", "PatchJson6902Transformer",
          "PatchStrategicMergeTransformer", "PatchTransformer", "PrefixSuffixTransformer",
          "PrefixTransformer", "SuffixTransformer", "ReplacementTransformer",
          "ReplicaCountTransformer", "ValueAddTransformer");

  private final KustomizationFile k;
  private final Loader loader;
  private final int depth;

  BuiltinPlugins(KustomizationFile k, Loader loader, int depth) {
    this.k = k;
    this.loader = loader;
    this.depth = depth;
  }

  void generate(ResMap m) {
    for (Resource config : configs("generators")) {
      String kind = checkedKind(config, "generators", GENERATORS, "generator");
      new BuiltinGenerator(k, config).run(m, kind);
    }
  }

  void transform(ResMap m) {
    List<Resource> configs = configs("transformers");
    for (Resource config : configs) {
      checkedKind(config, "transformers", TRANSFORMERS, "transformer");
    }
    for (Resource config : configs) {
      new BuiltinTransformer(k, config).run(m);
    }
    if (!configs.isEmpty()) {
      m.reindex();
    }
  }

  private String checkedKind(Resource config, String field, Set<String> kinds, String role) {
    String kind = config.kind();
    if (!"builtin".equals(config.object.apiVersion())) {
      throw new ManifestException(k.file, field + ": " + kind + "/" + config.name()
          + " (apiVersion " + config.object.apiVersion() + ") is an external plugin; plugins "
          + "that run an executable or container are refused (only apiVersion: builtin kinds run)");
    }
    if (!kinds.contains(kind)) {
      String why = GENERATORS.contains(kind) || TRANSFORMERS.contains(kind)
          ? "plugin " + kind + " is not a " + role
          : kind.equals("SortOrderTransformer")
              ? "unable to load builtin SortOrderTransformer (use sortOptions in the top-level "
                  + "kustomization)"
              : "unable to load builtin " + kind;
      throw new ManifestException(k.file, field + ": " + why);
    }
    return kind;
  }

  /** The plugin configs the entries of {@code field} name, in order. */
  List<Resource> configs(String field) {
    List<Resource> out = new ArrayList<>();
    for (String entry : k.strings(field)) {
      List<Map<String, Object>> inline = inline(entry);
      if (inline != null) {
        for (Map<String, Object> doc : inline) {
          out.add(new Resource(new KubeObject(doc, k.file)));
        }
        continue;
      }
      String path = Paths.join(k.dir, entry);
      if (Paths.escapes(path) || entry.startsWith("/")) {
        throw new ManifestException(k.file, field + ": '" + entry + "' is outside the build root");
      }
      if (loader.fs().isDirectory(path)) {
        out.addAll(new KustTarget(loader, depth + 1, new Vars.Declared()).accumulate(path).resources);
        continue;
      }
      String text = loader.readConfined(path, k.dir, field);
      for (Map<String, Object> doc : YamlReader.readDocuments(path, text)) {
        out.add(new Resource(new KubeObject(doc, path)));
      }
    }
    for (Resource r : out) {
      if (r.kind().isEmpty()) {
        throw new ManifestException(k.file, field + ": a plugin config without kind");
      }
    }
    return out;
  }

  /** The documents of an inline config (a YAML mapping written in the list), or null for a path. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> inline(String entry) {
    if (!entry.contains("\n") && !entry.contains(": ")) {
      return null;
    }
    List<Object> docs;
    try {
      docs = YamlReader.readValues(k.file, entry);
    } catch (ManifestException e) {
      return null;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object d : docs) {
      if (!(d instanceof Map<?, ?> map)) {
        return null;
      }
      out.add(new LinkedHashMap<>((Map<String, Object>) map));
    }
    return out.isEmpty() ? null : out;
  }
}
