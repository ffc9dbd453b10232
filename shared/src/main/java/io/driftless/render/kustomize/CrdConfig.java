package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code crds}: OpenAPI definitions (type name to {@code Schema}, as Go's openapi-gen writes them)
 * whose properties mark which fields of a custom kind take labels ({@code x-kubernetes-label-selector}),
 * annotations ({@code x-kubernetes-annotation}), the name prefix ({@code x-kubernetes-identity}) and
 * name references
 * ({@code x-kubernetes-object-ref-api-version} plus {@code x-kubernetes-object-ref-kind}, the name under
 * {@code x-kubernetes-object-ref-name-key}, default {@code name}). A type is a kind when it has
 * apiVersion, kind and metadata properties; its kind is the type name after the last dot.
 */
final class CrdConfig {
  private final String file;
  private final Map<String, Object> types;
  private final TransformerConfig into;

  private CrdConfig(String file, Map<String, Object> types, TransformerConfig into) {
    this.file = file;
    this.types = types;
    this.into = into;
  }

  static void load(KustomizationFile k, TransformerConfig into) {
    for (String rel : k.strings("crds")) {
      String file = Paths.join(k.dir, rel);
      String text = k.readFile(rel, "crds");
      List<Object> docs = YamlReader.readValues(file, text);
      Map<String, Object> types = docs.isEmpty() || docs.get(0) == null ? Map.of() : map(docs.get(0), rel);
      CrdConfig crds = new CrdConfig(rel, types, into);
      for (String name : types.keySet()) {
        Map<String, Object> props = crds.properties(name);
        if (props.containsKey("kind") && props.containsKey("apiVersion") && props.containsKey("metadata")) {
          crds.addFields(name.substring(name.lastIndexOf('.') + 1), name, new ArrayList<>(), 0);
        }
      }
    }
  }

  private void addFields(String kind, String typeName, List<String> path, int depth) {
    if (depth > 20) {
      return;
    }
    for (Map.Entry<String, Object> e : properties(typeName).entrySet()) {
      Map<String, Object> prop = map(e.getValue(), file);
      List<String> here = new ArrayList<>(path);
      here.add(e.getKey());
      String at = String.join("/", here);
      if (prop.get("x-kubernetes-annotation") instanceof String) {
        into.specs.computeIfAbsent("commonAnnotations", x -> new ArrayList<>())
            .add(FieldSpec.of(null, kind, at, false));
      }
      if (prop.get("x-kubernetes-label-selector") instanceof String) {
        into.specs.computeIfAbsent("commonLabels", x -> new ArrayList<>())
            .add(FieldSpec.of(null, kind, at, false));
      }
      if (prop.get("x-kubernetes-identity") instanceof String) {
        into.specs.computeIfAbsent("namePrefix", x -> new ArrayList<>())
            .add(FieldSpec.of(null, kind, at, false));
      }
      if (prop.get("x-kubernetes-object-ref-api-version") instanceof String version
          && prop.get("x-kubernetes-object-ref-kind") instanceof String referral) {
        Object key = prop.get("x-kubernetes-object-ref-name-key");
        FieldSpec spec = FieldSpec.of(null, kind, at + "/" + (key instanceof String s ? s : "name"), false);
        if (version.isEmpty()) {
          into.nameReference.computeIfAbsent(referral, x -> new ArrayList<>()).add(spec);
        } else {
          into.versionedNameReference.computeIfAbsent(referral, x -> new java.util.HashMap<>())
              .computeIfAbsent(version, x -> new ArrayList<>()).add(spec);
        }
      }
      if (prop.get("$ref") != null) {
        addFields(kind, prop.get("$ref").toString(), here, depth + 1);
      }
    }
  }

  /** The properties of a type; a definition that is not an OpenAPI definition fails as kubectl does. */
  private Map<String, Object> properties(String typeName) {
    Object def = types.get(typeName);
    if (def == null) {
      return Map.of();
    }
    Object schema = null;
    for (Map.Entry<String, Object> e : map(def, file).entrySet()) {
      if (e.getKey().equalsIgnoreCase("schema")) {
        schema = e.getValue();
      }
    }
    Object props = schema == null ? null : map(schema, file).get("properties");
    return props == null ? Map.of() : map(props, file);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String file) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new ManifestException(file, "crds: unable to parse open API definition from '" + file
          + "': expected a mapping, got " + o);
    }
    return (Map<String, Object>) m;
  }
}
