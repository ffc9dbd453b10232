package io.driftless.render.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edits kustomize's built-in transformers make along field specs: label and annotation pairs,
 * namespace, name prefix and suffix. The kustomization's own fields and the {@code apiVersion:
 * builtin} plugin configs both call these, with default or explicit field specs.
 */
final class FieldSpecEdits {
  private FieldSpecEdits() {}

  /** Sets every pair in the map at each field spec's path (LabelTransformer, AnnotationsTransformer). */
  @SuppressWarnings("unchecked")
  static void setPairs(ResMap m, Map<String, String> pairs, List<FieldSpec> specs) {
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

  /** Which binding subjects get the namespace: kustomize's setRoleBindingSubjects. */
  enum SubjectMode { DEFAULT_ONLY, ALL_SERVICE_ACCOUNTS, NONE }

  /** NamespaceTransformer: metadata.namespace of namespaced objects, then the other field specs. */
  @SuppressWarnings("unchecked")
  static void namespace(List<Resource> resources, String ns, List<FieldSpec> specs,
      boolean unsetOnly, SubjectMode subjects) {
    if (ns.isEmpty()) {
      return;
    }
    for (Resource r : resources) {
      if (r.content().isEmpty()) {
        continue;
      }
      r.rememberName();
      List<FieldSpec> rest = new ArrayList<>();
      for (FieldSpec s : specs) {
        boolean meta = s.path().equals("metadata/namespace");
        boolean name = s.path().equals("metadata/name") && !"v1".equals(r.object.apiVersion());
        boolean binding = isBinding(r) && s.path().equals("subjects");
        if (!meta && !name && !binding) {
          rest.add(s);
        }
      }
      if (!(Gvk.clusterScoped(r.kind()) && Gvk.builtinGroup(r.object.group()))) {
        setScalar(r.object.metadata(), "namespace", ns, unsetOnly);
      }
      if (isBinding(r) && subjects != SubjectMode.NONE
          && r.content().get("subjects") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Map<?, ?> subject && (subjects == SubjectMode.DEFAULT_ONLY
              ? "default".equals(subject.get("name")) : "ServiceAccount".equals(subject.get("kind")))) {
            setScalar((Map<String, Object>) subject, "namespace", ns, unsetOnly);
          }
        }
      }
      for (FieldSpec s : rest) {
        if (s.appliesTo(r)) {
          s.visit(r.content(), (parent, key) -> setScalar(parent, key, ns, unsetOnly));
        }
      }
    }
  }

  private static boolean isBinding(Resource r) {
    return r.kind().equals("RoleBinding") || r.kind().equals("ClusterRoleBinding");
  }

  private static void setScalar(Map<String, Object> parent, String key, String value,
      boolean unsetOnly) {
    Object cur = parent.get(key);
    if (!unsetOnly || cur == null || cur.toString().isEmpty()) {
      parent.put(key, value);
    }
  }

  /** PrefixTransformer and SuffixTransformer: the name and any other field a spec names. */
  static void affix(ResMap m, String prefix, String suffix, List<FieldSpec> specs) {
    for (Resource r : m.resources) {
      if (skipsAffix(r)) {
        continue;
      }
      for (FieldSpec s : specs) {
        if (!s.appliesTo(r)) {
          continue;
        }
        if (s.path().equals("metadata/name")) {
          if (!prefix.isEmpty()) {
            r.prefixes.add(prefix);
          }
          if (!suffix.isEmpty()) {
            r.suffixes.add(suffix);
          }
          if (!(prefix + suffix).isEmpty()) {
            r.rememberName();
          }
        }
        s.visit(r.content(), (parent, key) -> {
          Object cur = parent.get(key);
          parent.put(key, prefix + (cur == null ? "" : cur.toString()) + suffix);
        });
      }
    }
  }

  private static boolean skipsAffix(Resource r) {
    return r.kind().equals("CustomResourceDefinition") || r.kind().equals("Namespace")
        || (r.kind().equals("APIService") && r.object.group().equals("apiregistration.k8s.io"));
  }
}
