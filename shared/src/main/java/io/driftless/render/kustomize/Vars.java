package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Legacy {@code vars}: {@code $(NAME)} in kustomize's var-reference fields (container args,
 * command, env values and mount paths; Ingress hosts and TLS secrets; Service ports; labels) is
 * replaced with a field of the referenced object, after every other step of the build.
 */
final class Vars {
  private Vars() {}

  /**
   * Each kustomization's vars, collected while accumulating, with the file that declared it and
   * the object it names: found, as in kustomize, among the objects of the declaring kustomization
   * when it is built (so a name used twice further up does not make it ambiguous).
   */
  static final class Declared {
    final Map<String, Map<String, Object>> vars = new LinkedHashMap<>();
    final Map<String, String> files = new LinkedHashMap<>();
    final Map<String, Resource> targets = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    void add(KustomizationFile k, ResMap m) {
      for (Map<String, Object> v : k.maps("vars")) {
        String name = KustomizationFile.str(v.get("name"));
        if (vars.containsKey(name)) {
          throw new ManifestException(k.file, "vars: var '" + name + "' already encountered");
        }
        vars.put(name, v);
        files.put(name, k.file);
        Map<String, Object> ref = v.get("objref") instanceof Map<?, ?> o
            ? (Map<String, Object>) o : Map.of();
        List<Resource> hits = matching(ref, m);
        if (hits.size() > 1) {
          throw new ManifestException(k.file, "vars: var '" + name + "' matches " + hits.size()
              + " objects of kind " + ref.get("kind") + " named " + ref.get("name")
              + ", want exactly one");
        }
        if (hits.size() == 1) {
          targets.put(name, hits.get(0));
        }
      }
    }
  }

  private static List<Resource> matching(Map<String, Object> ref, ResMap m) {
    String kind = KustomizationFile.str(ref.get("kind"));
    String refName = KustomizationFile.str(ref.get("name"));
    String ns = KustomizationFile.str(ref.get("namespace"));
    String apiVersion = KustomizationFile.str(ref.get("apiVersion"));
    List<Resource> hits = new ArrayList<>();
    for (Resource r : m.resources) {
      if (r.kind().equals(kind) && (r.name().equals(refName) || r.wasNamed(refName))
          && (ns.isEmpty() || ns.equals(r.namespace()) || ns.equals(r.originalNamespace()))
          && (apiVersion.isEmpty() || apiVersion.equals(r.object.apiVersion()))) {
        hits.add(r);
      }
    }
    return hits;
  }

  @SuppressWarnings("unchecked")
  static void resolve(Declared declared, ResMap m) {
    if (declared.vars.isEmpty()) {
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    declared.vars.forEach((name, v) -> {
      String file = declared.files.get(name);
      Map<String, Object> ref = v.get("objref") instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
      Resource target = declared.targets.get(name);
      if (target == null || !m.resources.contains(target)) {
        throw new ManifestException(file, "vars: var '" + name + "' matches 0 objects of kind "
            + ref.get("kind") + " named " + ref.get("name") + ", want exactly one");
      }
      List<Resource> hits = List.of(target);
      Map<String, Object> fieldref = v.get("fieldref") instanceof Map<?, ?> f
          ? (Map<String, Object>) f : Map.of();
      String path = fieldref.get("fieldpath") == null ? "metadata.name"
          : fieldref.get("fieldpath").toString();
      // kyaml reads a list index written containers[0] as one more path step
      Object value = FieldPath.get(hits.get(0).content(),
          path.replaceAll("([^.\\[]+)\\[(\\d+)\\]", "$1.$2"));
      if (value == null) {
        throw new ManifestException(file, "vars: var '" + name + "': "
            + hits.get(0).object.subject() + " has no field " + path);
      }
      values.put(name, value);
    });
    List<FieldSpec> specs = new ArrayList<>(BuiltinFieldSpecs.VAR_REFERENCE);
    specs.addAll(m.config.get("varReference"));
    for (Resource r : m.resources) {
      List<String> paths = new ArrayList<>();
      for (FieldSpec spec : specs) {
        if (spec.appliesTo(r)) {
          paths.add(spec.path());
        }
      }
      for (String path : paths) {
        FieldSpec.all(path, false).visit(r.content(), (parent, key) -> {
          Object cur = parent.get(key);
          if (cur instanceof String s) {
            parent.put(key, expandValue(s, values));
          } else if (cur instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(o -> out.add(o instanceof String s ? expandValue(s, values) : o));
            parent.put(key, out);
          } else if (cur instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).replaceAll((k2, o) -> o instanceof String s
                ? expandValue(s, values) : o);
          }
        });
      }
    }
  }

  /** A field that is exactly one {@code $(VAR)} takes the var's value as it is (a number stays one). */
  private static Object expandValue(String s, Map<String, Object> values) {
    if (s.startsWith("$(") && s.endsWith(")") && s.indexOf(')') == s.length() - 1) {
      Object v = values.get(s.substring(2, s.length() - 1));
      if (v != null && !(v instanceof String)) {
        return v;
      }
    }
    return expand(s, values);
  }

  /** Kubernetes' {@code $(VAR)} expansion: {@code $$} is a literal {@code $}; unknown refs stay. */
  static String expand(String s, Map<String, ?> values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '$' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == '$') {
          out.append('$');
          i++;
          continue;
        }
        int close = n == '(' ? s.indexOf(')', i + 2) : -1;
        if (close > 0) {
          String name = s.substring(i + 2, close);
          out.append(values.containsKey(name) ? String.valueOf(values.get(name))
              : s.substring(i, close + 1));
          i = close;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
