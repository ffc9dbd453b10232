package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One builtin transformer config. Kinds with field specs use exactly the specs the config lists;
 * the patch and replacement kinds run the code of the kustomization field they stand for.
 */
final class BuiltinTransformer {
  private final KustomizationFile k;
  private final Resource config;
  private final Map<String, Object> c;

  BuiltinTransformer(KustomizationFile k, Resource config) {
    this.k = k;
    this.config = config;
    this.c = config.content();
  }

  void run(ResMap m) {
    switch (config.kind()) {
      case "AnnotationsTransformer" ->
          FieldSpecEdits.setPairs(m, k.stringMap(c.get("annotations"), field("annotations")), specs());
      case "LabelTransformer" ->
          FieldSpecEdits.setPairs(m, k.stringMap(c.get("labels"), field("labels")), specs());
      case "NamespaceTransformer" -> FieldSpecEdits.namespace(m.resources, config.namespace(),
          specs(), Boolean.TRUE.equals(c.get("unsetOnly")), subjectMode());
      case "PrefixTransformer" -> affix(m, true, false);
      case "SuffixTransformer" -> affix(m, false, true);
      case "PrefixSuffixTransformer" -> affix(m, true, true);
      case "ImageTagTransformer" -> ImagesAndReplicas.image(m, map("imageTag"), specs());
      case "ReplicaCountTransformer" -> ImagesAndReplicas.replicas(m,
          KustomizationFile.str(map("replica").get("name")), map("replica").get("count"), specs(),
          k.file, field("replica"));
      case "PatchTransformer" -> new Patches(as("patches", List.of(patchArgs()))).patches(m);
      case "PatchStrategicMergeTransformer" -> strategicMerge(m);
      case "PatchJson6902Transformer" -> json6902(m);
      case "ReplacementTransformer" -> new Replacements(as("replacements", c.get("replacements"))).run(m);
      case "ValueAddTransformer" -> new ValueAdd(k, config).run(m);
      case "HashTransformer" -> hash(m);
      default -> throw new ManifestException(k.file, "transformers: unable to load builtin "
          + config.kind());
    }
  }

  private String field(String key) {
    return "transformers: " + config.kind() + "/" + config.name() + " " + key;
  }

  private KustomizationFile as(String field, Object value) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(field, value);
    return k.with(fields, k.file);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(String key) {
    return c.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private List<FieldSpec> specs() {
    List<FieldSpec> out = new ArrayList<>();
    if (c.get("fieldSpecs") instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof Map<?, ?>)) {
          throw new ManifestException(k.file, field("fieldSpecs") + ": each entry must be a mapping");
        }
        out.add(FieldSpec.parse(o));
      }
    }
    return out;
  }

  private FieldSpecEdits.SubjectMode subjectMode() {
    String mode = KustomizationFile.str(c.get("setRoleBindingSubjects"));
    return switch (mode) {
      case "", "defaultOnly" -> FieldSpecEdits.SubjectMode.DEFAULT_ONLY;
      case "allServiceAccounts" -> FieldSpecEdits.SubjectMode.ALL_SERVICE_ACCOUNTS;
      case "none" -> FieldSpecEdits.SubjectMode.NONE;
      default -> throw new ManifestException(k.file, field("setRoleBindingSubjects") + ": invalid "
          + "value \"" + mode + "\": must be one of \"defaultOnly\", \"none\" or \"allServiceAccounts\"");
    };
  }

  private void affix(ResMap m, boolean prefix, boolean suffix) {
    if (!(c.get("fieldSpecs") instanceof List<?>)) {
      throw new ManifestException(k.file, field("fieldSpecs") + " is not expected to be nil");
    }
    if (prefix) {
      FieldSpecEdits.affix(m, KustomizationFile.str(c.get("prefix")), "", specs());
    }
    if (suffix) {
      FieldSpecEdits.affix(m, "", KustomizationFile.str(c.get("suffix")), specs());
    }
  }

  private Map<String, Object> patchArgs() {
    Map<String, Object> p = new LinkedHashMap<>();
    for (String key : List.of("path", "patch", "target", "options")) {
      if (c.get(key) != null) {
        p.put(key, c.get(key));
      }
    }
    return p;
  }

  private void strategicMerge(ResMap m) {
    List<String> entries = new ArrayList<>(KustomizationFile.strings(c.get("paths")));
    String inline = KustomizationFile.str(c.get("patches"));
    if (!inline.isEmpty()) {
      entries.add(inline);
    }
    if (entries.isEmpty()) {
      throw new ManifestException(k.file, field("paths") + ": empty file path and empty patch content");
    }
    new Patches(as("patchesStrategicMerge", entries)).strategicMergeLegacy(m);
  }

  private void json6902(ResMap m) {
    Map<String, Object> target = map("target");
    if (KustomizationFile.str(target.get("name")).isEmpty()) {
      throw new ManifestException(k.file, field("target") + ": must specify the target name");
    }
    String path = KustomizationFile.str(c.get("path"));
    String op = KustomizationFile.str(c.get("jsonOp"));
    if (path.isEmpty() == op.isEmpty()) {
      throw new ManifestException(k.file, field("jsonOp") + ": must specify a file path or jsonOp, "
          + "not both or neither");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("target", target);
    p.put(path.isEmpty() ? "patch" : "path", path.isEmpty() ? op : path);
    new Patches(as("patchesJson6902", List.of(p))).json6902Legacy(m);
  }

  private static void hash(ResMap m) {
    for (Resource r : m.resources) {
      if (r.needsHashSuffix) {
        r.rememberName();
        r.object.metadata().put("name", r.name() + "-" + NameHash.of(r.content()));
      }
    }
  }
}
