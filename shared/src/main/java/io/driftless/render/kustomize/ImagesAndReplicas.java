package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;
import java.util.List;
import java.util.Map;

/** The images transformer (every container and initContainer at any depth) and replicas. */
final class ImagesAndReplicas {
  private final KustomizationFile k;

  ImagesAndReplicas(KustomizationFile k) {
    this.k = k;
  }

  void run(ResMap m) {
    for (Map<String, Object> img : k.maps("images")) {
      for (String field : List.of("name", "newName", "newTag", "digest")) {
        k.string(img.get(field), "images." + field);
      }
      image(m, img, m.config.get("images"));
    }
    for (Map<String, Object> rep : k.maps("replicas")) {
      List<FieldSpec> specs = new java.util.ArrayList<>(BuiltinFieldSpecs.REPLICAS);
      specs.addAll(m.config.get("replicas"));
      replicas(m, KustomizationFile.str(rep.get("name")), rep.get("count"), specs, k.file, "replicas");
    }
  }

  /** ImageTagTransformer: every container and initContainer image, then the field specs. */
  static void image(ResMap m, Map<String, Object> img, List<FieldSpec> specs) {
    for (Resource r : m.resources) {
      walk(r.content(), img);
      for (FieldSpec spec : specs) {
        if (spec.appliesTo(r)) {
          spec.visit(r.content(), (parent, key) -> {
            if (parent.get(key) instanceof String image) {
              parent.put(key, update(image, img));
            }
          });
        }
      }
    }
  }

  /** ReplicaCountTransformer: the count at each spec's path of the objects (once) named so. */
  static void replicas(ResMap m, String name, Object count, List<FieldSpec> specs, String file,
      String field) {
    boolean matched = false;
    for (Resource r : m.resources) {
      if (!(r.name().equals(name) || r.wasNamed(name))) {
        continue;
      }
      for (FieldSpec spec : specs) {
        if (spec.appliesTo(r)) {
          matched = true;
          spec.visit(r.content(), (parent, key) -> parent.put(key, count));
        }
      }
    }
    if (!matched) {
      throw new ManifestException(file, field + ": resource with name " + name
          + " does not match a config with the following kinds: "
          + specs.stream().map(FieldSpec::kind).distinct().toList());
    }
  }

  @SuppressWarnings("unchecked")
  private static void walk(Object node, Map<String, Object> img) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        if ((e.getKey().equals("containers") || e.getKey().equals("initContainers"))
            && e.getValue() instanceof List<?> list) {
          for (Object c : list) {
            if (c instanceof Map<?, ?> cm && cm.get("image") instanceof String image) {
              ((Map<String, Object>) cm).put("image", update(image, img));
            }
          }
        }
        walk(e.getValue(), img);
      }
    } else if (node instanceof List<?> list) {
      for (Object o : list) {
        walk(o, img);
      }
    }
  }

  static String update(String image, Map<String, Object> img) {
    String name = image;
    String digest = "";
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at);
      name = name.substring(0, at);
    }
    String tag = "";
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon);
      name = name.substring(0, colon);
    }
    if (!name.equals(KustomizationFile.str(img.get("name")))) {
      return image;
    }
    String newName = KustomizationFile.str(img.get("newName"));
    String newTag = KustomizationFile.str(img.get("newTag"));
    String newDigest = KustomizationFile.str(img.get("digest"));
    if (!newName.isEmpty()) {
      name = newName;
    }
    if (!newTag.isEmpty() && !newDigest.isEmpty()) {
      return name + ":" + newTag + "@" + newDigest;
    }
    if (!newDigest.isEmpty()) {
      return name + "@" + newDigest;
    }
    if (!newTag.isEmpty()) {
      return name + ":" + newTag;
    }
    return name + tag + digest;
  }
}
