package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;
import java.util.Map;

/** A patch or replacement target: group, version, kind, name, namespace (regexes) and selectors. */
record Target(String group, String version, String kind, String name, String namespace,
    String labelSelector, String annotationSelector) {

  @SuppressWarnings("unchecked")
  static Target of(Object o, String file) {
    if (!(o instanceof Map<?, ?> map)) {
      throw new ManifestException(file, "target must be a mapping");
    }
    Map<String, Object> m = (Map<String, Object>) map;
    return new Target(s(m, "group"), s(m, "version"), s(m, "kind"), s(m, "name"),
        s(m, "namespace"), s(m, "labelSelector"), s(m, "annotationSelector"));
  }

  boolean matches(Resource r) {
    return re(group, r.object.group()) && re(version, r.object.version()) && re(kind, r.kind())
        && (re(name, r.name()) || re(name, r.originalName()) || (name != null && r.wasNamed(name)))
        && (re(namespace, effective(r, r.namespace()))
            || re(namespace, effective(r, r.originalNamespace())))
        && Selector.matches(labelSelector, r.object.labels())
        && Selector.matches(annotationSelector, r.object.annotations());
  }

  /** A patch without target applies to the object with its kind and (current or former) name. */
  @SuppressWarnings("unchecked")
  static boolean sameObject(Map<String, Object> patch, Resource r) {
    String name = nameOf(patch);
    boolean now = r.kind().equals(patch.get("kind")) && (r.name().equals(name) || r.wasNamed(name));
    if (!now && !r.wasKindAndName(String.valueOf(patch.get("kind")), name)) {
      return false;
    }
    Object meta = patch.get("metadata");
    Object ns = meta instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("namespace") : null;
    // as kustomize's ids compare: no namespace is "default", and any namespace it had counts
    String want = effective(r, ns == null ? "" : ns.toString());
    if (want.equals(effective(r, r.namespace()))) {
      return true;
    }
    for (String[] h : r.history) {
      if (want.equals(effective(r, h[1]))) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  static String nameOf(Map<String, Object> patch) {
    Object meta = patch.get("metadata");
    return meta instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("name")) : "";
  }

  /** kustomize's effective namespace: "default" when unset, none at all for cluster-scoped kinds. */
  private static String effective(Resource r, String namespace) {
    if (Gvk.clusterScoped(r.kind())) {
      return "_non_namespaceable_";
    }
    return namespace.isEmpty() ? "default" : namespace;
  }

  private static boolean re(String pattern, String value) {
    return pattern == null || pattern.isEmpty() || value.matches(pattern);
  }

  private static String s(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }
}
