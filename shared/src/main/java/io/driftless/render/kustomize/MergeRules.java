package io.driftless.render.kustomize;

import java.util.List;
import java.util.Map;

/** How a strategic merge treats the lists under one place of an object: merged by a key or replaced. */
interface MergeRules {
  Map<String, String> BUILTIN_MERGE_KEYS = Map.of(
      "containers", "name", "initContainers", "name", "ephemeralContainers", "name",
      "env", "name", "volumes", "name", "imagePullSecrets", "name", "volumeMounts", "mountPath",
      "volumeClaimTemplates", "name");

  /** The rules for the value of field {@code key}. */
  MergeRules field(String key);

  /** The rules for each item of this list. */
  MergeRules items();

  /** The key this list's maps merge by, or null when the patch's list replaces it. */
  String mergeKey(List<Object> patch);

  /** Whether this list of scalars is merged as a set (patch items first). */
  boolean unionScalars();

  /** kustomize's rules for a resource: the custom schema's when the build has one, else built-in. */
  static MergeRules forResource(OpenApiSchema schema, Resource r) {
    if (schema == null) {
      return new ByFieldName("", Gvk.builtinGroup(r.object.group()));
    }
    return new BySchema(schema.forKind(r.object.group(), r.object.version(), r.kind()));
  }

  /** The built-in schema: lists of built-in kinds merge by the key their field name implies. */
  record ByFieldName(String name, boolean builtin) implements MergeRules {
    public MergeRules field(String key) {
      return new ByFieldName(key, builtin);
    }

    public MergeRules items() {
      return new ByFieldName("", builtin);
    }

    public String mergeKey(List<Object> patch) {
      if (!builtin || patch.isEmpty() || !(patch.get(0) instanceof Map<?, ?> first)) {
        return null;
      }
      if (name.equals("ports")) {
        return first.containsKey("containerPort") ? "containerPort" : "port";
      }
      return BUILTIN_MERGE_KEYS.get(name);
    }

    public boolean unionScalars() {
      return name.equals("finalizers");
    }
  }

  /** A custom schema: only what it marks {@code x-kubernetes-patch-strategy: merge} merges. */
  record BySchema(OpenApiSchema.Node node) implements MergeRules {
    public MergeRules field(String key) {
      return new BySchema(node == null ? null : node.property(key));
    }

    public MergeRules items() {
      return new BySchema(node == null ? null : node.items());
    }

    public String mergeKey(List<Object> patch) {
      boolean maps = !patch.isEmpty() && patch.get(0) instanceof Map<?, ?>;
      return maps && node != null && node.mergeStrategy() ? node.mergeKey() : null;
    }

    public boolean unionScalars() {
      return node != null && node.mergeStrategy() && node.mergeKey() == null;
    }
  }
}
