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
    String ns = k.string("namespace");
    if (ns.isEmpty()) {
      return;
    }
    for (Resource r : m.resources) {
      if (r.kind().equals("Namespace")) {
        r.rememberName();
        r.object.metadata().put("name", ns);
      } else if (!Gvk.clusterScoped(r.kind())) {
        r.rememberName();
        r.object.metadata().put("namespace", ns);
      }
    }
  }

  private void prefixSuffix(ResMap m) {
    String prefix = k.string("namePrefix");
    String suffix = k.string("nameSuffix");
    if (prefix.isEmpty() && suffix.isEmpty()) {
      return;
    }
    for (Resource r : m.resources) {
      if (List.of("Namespace", "CustomResourceDefinition", "APIService").contains(r.kind())) {
        continue;
      }
      r.rememberName();
      r.object.metadata().put("name", prefix + r.name() + suffix);
      if (prefix.isEmpty()) {
        continue;
      }
      for (FieldSpec spec : m.config.get("namePrefix")) {
        if (spec.appliesTo(r)) {
          spec.visit(r.content(), (parent, key) -> parent.put(key, prefix + parent.get(key)));
        }
      }
    }
  }

  private void labels(ResMap m) {
    List<FieldSpec> common = new java.util.ArrayList<>(BuiltinFieldSpecs.commonLabels());
    common.addAll(m.config.get("commonLabels"));
    setPairs(m, k.stringMap(k.map("commonLabels"), "commonLabels"), common);
    for (Map<String, Object> l : k.maps("labels")) {
      Map<String, String> pairs = k.stringMap(l.get("pairs"), "labels.pairs");
      List<FieldSpec> specs = new java.util.ArrayList<>();
      specs.add(FieldSpec.all("metadata/labels", true));
      if (Boolean.TRUE.equals(l.get("includeSelectors"))) {
        specs = new java.util.ArrayList<>(common);
      } else if (Boolean.TRUE.equals(l.get("includeTemplates"))) {
        specs.addAll(BuiltinFieldSpecs.TEMPLATE_LABELS);
      }
      if (l.get("fields") instanceof List<?> fields) {
        for (Object o : fields) {
          if (o instanceof Map<?, ?> fs) {
            specs.add(new FieldSpec((String) fs.get("group"), (String) fs.get("kind"),
                String.valueOf(fs.get("path")), Boolean.TRUE.equals(fs.get("create"))));
          }
        }
      }
      setPairs(m, pairs, specs);
    }
  }

  private void annotations(ResMap m) {
    List<FieldSpec> specs = new java.util.ArrayList<>(BuiltinFieldSpecs.commonAnnotations());
    specs.addAll(m.config.get("commonAnnotations"));
    setPairs(m, k.stringMap(k.map("commonAnnotations"), "commonAnnotations"), specs);
  }

  @SuppressWarnings("unchecked")
  private static void setPairs(ResMap m, Map<String, String> pairs, List<FieldSpec> specs) {
    if (pairs.isEmpty()) {
      return;
    }
    for (Resource r : m.resources) {
      for (FieldSpec spec : specs) {
        if (!spec.appliesTo(r)) {
          continue;
        }
        spec.visit(r.content(), (parent, key) -> {
          Object cur = parent.get(key);
          Map<String, Object> target = cur instanceof Map<?, ?> c
              ? (Map<String, Object>) c : new LinkedHashMap<>();
          target.putAll(pairs);
          parent.put(key, target);
        });
      }
    }
  }


}
