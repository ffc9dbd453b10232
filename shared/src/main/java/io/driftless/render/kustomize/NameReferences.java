package io.driftless.render.kustomize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * After a rename (prefix, suffix, hash), points references at the new name: pod volumes, env and
 * envFrom, imagePullSecrets, serviceAccountName, role bindings, ingress backends and the like.
 */
final class NameReferences {
  private NameReferences() {}

  static void fix(ResMap m) {
    refuseBlankSubjectNamespaces(m);
    Map<String, Map<String, List<Resource>>> renamed = new HashMap<>();
    for (Resource r : m.resources) {
      if (r.history.isEmpty() || (r.originalName().equals(r.name())
          && r.originalNamespace().equals(r.namespace()))) {
        continue;
      }
      for (String[] old : r.history) {
        renamed.computeIfAbsent(r.kind(), k -> new HashMap<>())
            .computeIfAbsent(old[0], k -> new ArrayList<>());
        List<Resource> named = renamed.get(r.kind()).get(old[0]);
        if (!named.contains(r)) {
          named.add(r);
        }
      }
    }
    if (renamed.isEmpty()) {
      return;
    }
    Map<String, Map<String, List<Resource>>> byVersion = new HashMap<>();
    for (Resource referrer : m.resources) {
      for (Map.Entry<String, Map<String, List<Resource>>> byKind : renamed.entrySet()) {
        String kind = byKind.getKey();
        Map<String, List<Resource>> byName = byKind.getValue();
        List<String> paths = paths(kind, referrer);
        for (FieldSpec custom : m.config.nameReference.getOrDefault(kind, List.of())) {
          if (custom.appliesTo(referrer)) {
            paths.add(custom.path());
          }
        }
        for (String path : paths) {
          renameAt(referrer, path, byName);
        }
        m.config.versionedNameReference.getOrDefault(kind, Map.of()).forEach((v, specs) -> {
          for (FieldSpec custom : specs) {
            if (custom.appliesTo(referrer)) {
              renameAt(referrer, custom.path(),
                  byVersion.computeIfAbsent(kind + "/" + v, x -> withVersion(byName, v)));
            }
          }
        });
        if (referrer.kind().endsWith("Binding") || referrer.kind().endsWith("WebhookConfiguration")) {
          byName.values().stream().flatMap(List::stream).distinct()
              .forEach(referral -> fixNamespacedRefs(referral, referrer));
        }
      }
    }
  }

  /** Renames the references at {@code path} of the referrer (a field path or an annotation key). */
  private static void renameAt(Resource referrer, String path, Map<String, List<Resource>> byName) {
    if (path.startsWith(NameReferenceTable.ANNOTATION)) {
      if (referrer.object.metadata().get("annotations") instanceof Map<?, ?> annotations) {
        rename(cast(annotations), path.substring(NameReferenceTable.ANNOTATION.length()),
            byName, referrer);
      }
      return;
    }
    FieldSpec.all(path, false).visit(referrer.content(),
        (parent, key) -> rename(parent, key, byName, referrer));
  }

  /** Points {@code parent[key]} (a name, or a list of names) at the referral's new name. */
  @SuppressWarnings("unchecked")
  private static void rename(Map<String, Object> parent, String key,
      Map<String, List<Resource>> byName, Resource referrer) {
    Object value = parent.get(key);
    if (value instanceof List<?> names) {
      List<Object> out = new ArrayList<>();
      for (Object n : names) {
        Resource referral = n instanceof String name ? referral(byName, name, referrer) : null;
        out.add(referral == null ? n : referral.name());
      }
      parent.put(key, out);
      return;
    }
    Resource referral = referral(byName, String.valueOf(value), referrer);
    if (referral != null) {
      parent.put(key, referral.name());
    }
  }

  /**
   * The object {@code name} refers to, sieved as kustomize sieves: in the referrer's namespace,
   * then (of several) those whose names got the same prefixes and suffixes as the referrer's.
   */
  private static Resource referral(Map<String, List<Resource>> byName, String name, Resource referrer) {
    List<Resource> candidates = new ArrayList<>();
    for (Resource referral : byName.getOrDefault(name, List.of())) {
      if (sameNamespace(referral, referrer)) {
        candidates.add(referral);
      }
    }
    if (candidates.size() > 1) {
      candidates.removeIf(c -> !c.sameAffixes(referrer, true));
      if (candidates.size() > 1) {
        candidates.removeIf(c -> !c.sameAffixes(referrer, false));
      }
    }
    if (candidates.size() > 1
        && candidates.stream().map(Resource::name).distinct().count() > 1) {
      throw new io.driftless.model.ManifestException(referrer.object.origin(), "updating name "
          + "reference in " + referrer.object.subject() + ": found multiple possible referrals "
          + "named " + name + ": " + candidates.stream().map(c -> c.object.subject()).toList());
    }
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  /** The referrals of one API version (a CRD's {@code x-kubernetes-object-ref-api-version}). */
  private static Map<String, List<Resource>> withVersion(Map<String, List<Resource>> byName,
      String version) {
    Map<String, List<Resource>> out = new HashMap<>();
    byName.forEach((name, rs) -> out.put(name,
        rs.stream().filter(r -> r.object.version().equals(version)).toList()));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** kustomize refuses a binding's ServiceAccount subject whose namespace is there but blank. */
  private static void refuseBlankSubjectNamespaces(ResMap m) {
    for (Resource r : m.resources) {
      if ((r.kind().equals("RoleBinding") || r.kind().equals("ClusterRoleBinding"))
          && r.content().get("subjects") instanceof List<?> subjects) {
        for (Object o : subjects) {
          if (o instanceof Map<?, ?> sub && "ServiceAccount".equals(sub.get("kind"))
              && sub.containsKey("namespace")
              && (sub.get("namespace") == null || sub.get("namespace").toString().isBlank())) {
            throw new io.driftless.model.ManifestException(r.object.origin(), "Invalid Input: "
                + "namespace is blank for resource " + r.object.subject() + " (subjects of kind "
                + "ServiceAccount need a namespace or none at all)");
          }
        }
      }
    }
  }

  /** Bindings' ServiceAccount subjects and webhooks' services carry a name and a namespace. */
  @SuppressWarnings("unchecked")
  private static void fixNamespacedRefs(Resource referral, Resource referrer) {
    String kind = referral.kind();
    if (kind.equals("ServiceAccount")
        && (referrer.kind().equals("RoleBinding") || referrer.kind().equals("ClusterRoleBinding"))
        && referrer.content().get("subjects") instanceof List<?> subjects) {
      for (Object o : subjects) {
        if (o instanceof Map<?, ?> sub && "ServiceAccount".equals(sub.get("kind"))) {
          fixPair(referral, (Map<String, Object>) sub);
        }
      }
    }
    if (kind.equals("Service") && referrer.kind().endsWith("WebhookConfiguration")) {
      FieldSpec.all("webhooks[]/clientConfig/service", false).visit(referrer.content(),
          (parent, key) -> {
            if (parent.get(key) instanceof Map<?, ?> svc) {
              fixPair(referral, (Map<String, Object>) svc);
            }
          });
    }
  }

  private static void fixPair(Resource referral, Map<String, Object> ref) {
    if (!referral.wasNamed(String.valueOf(ref.get("name")))) {
      return;
    }
    Object ns = ref.get("namespace");
    if (ns != null && !orDefault(ns.toString()).equals(orDefault(referral.originalNamespace()))
        && !orDefault(ns.toString()).equals(orDefault(referral.namespace()))) {
      return;
    }
    ref.put("name", referral.name());
    if (!referral.namespace().isEmpty()) {
      ref.put("namespace", referral.namespace());
    }
  }

  private static String orDefault(String ns) {
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  /** A cluster-scoped referrer (ClusterRole, StorageClass...) may name an object in any namespace. */
  private static boolean sameNamespace(Resource referral, Resource referrer) {
    return Gvk.clusterScoped(referrer.kind()) || Gvk.clusterScoped(referral.kind())
        || referral.namespace().equals(referrer.namespace());
  }

  private static List<String> paths(String kind, Resource referrer) {
    List<String> out = NameReferenceTable.paths(kind, referrer.kind());
    if ((kind.equals("Role") || kind.equals("ClusterRole"))
        && (referrer.kind().equals("RoleBinding") || referrer.kind().equals("ClusterRoleBinding"))) {
      Object ref = referrer.content().get("roleRef");
      if (ref instanceof Map<?, ?> r && kind.equals(r.get("kind"))) {
        out.add("roleRef/name");
      }
    }
    return out;
  }
}
