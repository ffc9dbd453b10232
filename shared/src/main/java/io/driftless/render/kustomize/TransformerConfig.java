package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Custom field specs from {@code configurations} files, added to the built-in ones: extra label,
 * annotation, image, replica and var-reference fields, and extra name references (for custom
 * resources). A kustomization's config also applies to everything built above it.
 */
final class TransformerConfig {
  private static final List<String> SECTIONS =
      List.of("namePrefix", "nameSuffix", "namespace", "commonLabels", "labels", "templateLabels",
          "commonAnnotations", "images", "replicas", "varReference");

  final Map<String, List<FieldSpec>> specs = new HashMap<>();
  /** Referral kind to the fields that refer to it. */
  final Map<String, List<FieldSpec>> nameReference = new HashMap<>();
  /** Referral kind, then its API version, to the fields that refer to it (from {@code crds}). */
  final Map<String, Map<String, List<FieldSpec>>> versionedNameReference = new HashMap<>();

  List<FieldSpec> get(String section) {
    return specs.getOrDefault(section, List.of());
  }

  void merge(TransformerConfig other) {
    other.specs.forEach((k, v) -> specs.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    other.nameReference.forEach((k, v) ->
        nameReference.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    other.versionedNameReference.forEach((k, byVersion) -> byVersion.forEach((v, specs) ->
        versionedNameReference.computeIfAbsent(k, x -> new HashMap<>())
            .computeIfAbsent(v, x -> new ArrayList<>()).addAll(specs)));
  }

  @SuppressWarnings("unchecked")
  void load(KustomizationFile k) {
    CrdConfig.load(k, this);
    for (String rel : k.strings("configurations")) {
      String file = Paths.join(k.dir, rel);
      for (Map<String, Object> doc : YamlReader.readDocuments(file, k.readFile(rel, "configurations"))) {
        for (Map.Entry<String, Object> e : doc.entrySet()) {
          if (SECTIONS.contains(e.getKey())) {
            for (Object o : list(e.getValue(), file, e.getKey())) {
              specs.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(FieldSpec.parse(o));
            }
          } else if (e.getKey().equals("nameReference")) {
            for (Object o : list(e.getValue(), file, "nameReference")) {
              Map<String, Object> ref = (Map<String, Object>) o;
              String kind = KustomizationFile.str(ref.get("kind"));
              for (Object fs : list(ref.get("fieldSpecs"), file, "nameReference.fieldSpecs")) {
                nameReference.computeIfAbsent(kind, x -> new ArrayList<>()).add(FieldSpec.parse(fs));
              }
            }
          } else {
            throw new ManifestException(file, "configurations: section " + e.getKey()
                + " is not supported");
          }
        }
      }
    }
  }

  private static List<?> list(Object v, String file, String field) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new ManifestException(file, "configurations: " + field + " must be a list");
    }
    return l;
  }
}
