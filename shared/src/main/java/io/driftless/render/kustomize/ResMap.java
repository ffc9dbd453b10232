package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The objects of a build in order; no two share group, version, kind, namespace and name. */
final class ResMap {
  final List<Resource> resources = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  final TransformerConfig config = new TransformerConfig();

  void add(Resource r, String file) {
    if (!ids.add(key(r))) {
      throw new ManifestException(file, "may not add resource with an already registered id: "
          + r.object.subject());
    }
    resources.add(r);
  }

  /** Refreshes the id index after transformers renamed or moved objects. */
  void reindex() {
    ids.clear();
    for (Resource r : resources) {
      ids.add(key(r));
    }
  }

  /** kustomize's id equality: a namespaced object without namespace is in "default". */
  private static String key(Resource r) {
    String ns = Gvk.clusterScoped(r.kind()) ? "" : r.namespace().isEmpty() ? "default" : r.namespace();
    return Gvk.of(r.object) + "|" + ns + "|" + r.name();
  }

  void addAll(ResMap other, String file) {
    for (Resource r : other.resources) {
      add(r, file);
    }
    config.merge(other.config);
  }

  List<Resource> matching(String kind, String name) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : resources) {
      if (r.kind().equals(kind) && (r.name().equals(name) || r.originalName().equals(name))) {
        out.add(r);
      }
    }
    return out;
  }

  /** By group/version/kind text, except that a core Namespace goes before any other Namespace kind. */
  private static int compareGvk(Resource a, Resource b) {
    int c = Gvk.of(a.object).toString().compareTo(Gvk.of(b.object).toString());
    boolean namespaces = a.kind().equals("Namespace") && b.kind().equals("Namespace");
    return namespaces && (a.object.group().isEmpty() || b.object.group().isEmpty()) ? -c : c;
  }

  /** kubectl's default (legacy) order: kind rank, then group/version/kind, namespace, name. */
  void sortLegacy() {
    resources.sort(Comparator.<Resource>comparingInt(r -> Gvk.of(r.object).order())
        .thenComparing(ResMap::compareGvk)
        .thenComparing(Resource::idString));
  }
}
