package io.driftless.render.kustomize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in transformers of one kustomization, in kustomize's fixed order. */
final class Transformers {
  private final KustomizationFile k;
  private final Loader loader;

  Transformers(KustomizationFile k, Loader loader) {
    this.k = k;
    this.loader = loader;
  }

  void run(ResMap m) {
    Patches patches = new Patches(k);
    patches.strategicMergeLegacy(m);
    patches.patches(m);
    namespace(m);
    prefixSuffix(m);
    labels(m);
    annotations(m);
    patches.json6902Legacy(m);
    new ImagesAndReplicas(k).run(m);
    new Replacements(k).run(m);
    TransformerAnnotations.record(k, m);
    m.reindex();
  }

  private void namespace(ResMap m) {
    List<FieldSpec> specs = new java.util.ArrayList<>(BuiltinFieldSpecs.NAMESPACE);
    specs.addAll(m.config.get("namespace"));
    FieldSpecEdits.namespace(m.resources, k.string("namespace"), specs, false,
        FieldSpecEdits.SubjectMode.DEFAULT_ONLY);
  }

  private void prefixSuffix(ResMap m) {
    String prefix = k.string("namePrefix");
    if (!prefix.isEmpty()) {
      FieldSpecEdits.affix(m, prefix, "", nameAnd(m.config.get("namePrefix")));
    }
    String suffix = k.string("nameSuffix");
    if (!suffix.isEmpty()) {
      FieldSpecEdits.affix(m, "", suffix, nameAnd(m.config.get("nameSuffix")));
    }
  }

  private static List<FieldSpec> nameAnd(List<FieldSpec> configured) {
    List<FieldSpec> specs = new java.util.ArrayList<>();
    specs.add(FieldSpec.all("metadata/name", false));
    specs.addAll(configured);
    return specs;
  }

  private void labels(ResMap m) {
    List<FieldSpec> common = new java.util.ArrayList<>(BuiltinFieldSpecs.commonLabels());
    common.addAll(m.config.get("commonLabels"));
    FieldSpecEdits.setPairs(m, k.stringMap(k.map("commonLabels"), "commonLabels"), common);
    for (Map<String, Object> l : k.maps("labels")) {
      Map<String, String> pairs = k.stringMap(l.get("pairs"), "labels.pairs");
      List<FieldSpec> specs = new java.util.ArrayList<>();
      specs.add(FieldSpec.all("metadata/labels", true));
      if (Boolean.TRUE.equals(l.get("includeSelectors"))) {
        specs = new java.util.ArrayList<>(common);
      } else if (Boolean.TRUE.equals(l.get("includeTemplates"))) {
        specs.addAll(BuiltinFieldSpecs.TEMPLATE_LABELS);
        specs.addAll(m.config.get("templateLabels"));
      }
      specs.addAll(m.config.get("labels"));
      if (l.get("fields") instanceof List<?> fields) {
        for (Object o : fields) {
          if (o instanceof Map<?, ?> fs) {
            specs.add(FieldSpec.parse(fs));
          }
        }
      }
      FieldSpecEdits.setPairs(m, pairs, specs);
    }
  }

  private void annotations(ResMap m) {
    List<FieldSpec> specs = new java.util.ArrayList<>(BuiltinFieldSpecs.commonAnnotations());
    specs.addAll(m.config.get("commonAnnotations"));
    FieldSpecEdits.setPairs(m, k.stringMap(k.map("commonAnnotations"), "commonAnnotations"), specs);
  }
}
