package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.model.ManifestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom OpenAPI schema ({@code openapi: path: schema.json}, JSON or YAML, Swagger 2
 * {@code definitions}). Like kustomize, once a build has one it replaces the built-in schema for
 * every strategic merge patch: a list merges by {@code x-kubernetes-patch-merge-key} only where
 * the schema says {@code x-kubernetes-patch-strategy: merge}; every other list is replaced.
 */
final class OpenApiSchema {
  /** The one built-in schema version kubectl 1.32's kustomize ships. */
  static final String BUILTIN_VERSION = "v1.21.2";

  private final Map<String, Object> definitions;
  private final Map<String, Map<String, Object>> byGvk = new HashMap<>();

  private OpenApiSchema(Map<String, Object> definitions) {
    this.definitions = definitions;
    for (Object def : definitions.values()) {
      if (def instanceof Map<?, ?> d && d.get("x-kubernetes-group-version-kind") instanceof List<?> l) {
        for (Object o : l) {
          if (o instanceof Map<?, ?> gvk) {
            byGvk.put(key(str(gvk.get("group")), str(gvk.get("version")), str(gvk.get("kind"))),
                cast(d));
          }
        }
      }
    }
  }

  /** Reads the {@code openapi} field of {@code k}: null without a path; fails on a bad version. */
  static OpenApiSchema load(KustomizationFile k) {
    Map<String, Object> field = k.map("openapi");
    String path = KustomizationFile.str(field.get("path"));
    if (path.isEmpty()) {
      Object version = field.get("version");
      if (version != null && !BUILTIN_VERSION.equals(version)) {
        throw new ManifestException(k.file, "openapi.version: " + version
            + ": the specified OpenAPI version is not built in (only " + BUILTIN_VERSION + ")");
      }
      return null;
    }
    String file = Paths.join(k.dir, path);
    String text = k.readFile(path, "openapi.path");
    List<Object> docs = YamlReader.readValues(file, text);
    if (docs.isEmpty() || !(docs.get(0) instanceof Map<?, ?> doc)) {
      throw new ManifestException(file, "openapi.path: not an OpenAPI schema (a mapping)");
    }
    // without definitions the schema knows no kind, so every list is replaced, as in kubectl
    Map<?, ?> defs = doc.get("definitions") instanceof Map<?, ?> d ? d : Map.of();
    if (field.get("version") != null) {
      throw new ManifestException(k.file, "openapi: builtin version and custom schema provided, "
          + "cannot use both");
    }
    return new OpenApiSchema(cast(defs));
  }

  /**
   * The schema of one build: the first kustomization with an {@code openapi} field chooses it
   * (the top one first, then nested ones in build order), as kustomize's process-wide setting does.
   */
  static final class Choice {
    private boolean chosen;
    private OpenApiSchema schema;

    void offer(KustomizationFile k) {
      if (k.fields.get("openapi") == null) {
        return;
      }
      OpenApiSchema loaded = load(k);
      if (!chosen) {
        chosen = true;
        schema = loaded;
      }
    }

    /** The custom schema, or null for the built-in one. */
    OpenApiSchema schema() {
      return schema;
    }
  }

  /** The schema of a kind, or null when the custom schema does not describe it. */
  Node forKind(String group, String version, String kind) {
    Map<String, Object> def = byGvk.get(key(group, version, kind));
    return def == null ? null : new Node(def);
  }

  /** One schema in the tree, with {@code $ref}s followed. */
  final class Node {
    private final Map<String, Object> schema;

    private Node(Map<String, Object> schema) {
      this.schema = resolve(schema, 0);
    }

    Node property(String name) {
      return schema.get("properties") instanceof Map<?, ?> props
          && props.get(name) instanceof Map<?, ?> p ? new Node(cast(p)) : null;
    }

    Node items() {
      return schema.get("items") instanceof Map<?, ?> i ? new Node(cast(i)) : null;
    }

    boolean mergeStrategy() {
      return str(schema.get("x-kubernetes-patch-strategy")).contains("merge");
    }

    String mergeKey() {
      Object key = schema.get("x-kubernetes-patch-merge-key");
      return key == null ? null : key.toString();
    }
  }

  private Map<String, Object> resolve(Map<String, Object> schema, int depth) {
    Object ref = schema.get("$ref");
    if (ref == null || depth > 50) {
      return schema;
    }
    String name = ref.toString().replaceFirst("^#/definitions/", "");
    return definitions.get(name) instanceof Map<?, ?> d ? resolve(cast(d), depth + 1) : Map.of();
  }

  private static String key(String group, String version, String kind) {
    return group + "/" + version + "/" + kind;
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
