package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.render.kustomize.yaml.YamlWriter;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kustomize driven by a Flux Kustomization's spec, the kustomize part of what kustomize-controller
 * does (flux.md §1.3 step 7): take or generate the kustomization at the spec's path, merge in the
 * spec's targetNamespace, namePrefix/nameSuffix, patches, images, components and buildMetadata, and
 * build. Decryption, postBuild substitution and
 * commonMetadata follow per object in {@link io.driftless.render.FluxBuilder}.
 */
public final class SpecKustomizer {
  private final Kustomizer kustomizer;

  public SpecKustomizer(KustomizeOptions options) {
    this.kustomizer = new Kustomizer(options);
  }

  /** Builds {@code spec.path} with the spec's kustomize fields merged in. */
  public List<KubeObject> build(KustomizeFileSystem fs, Kustomization.Spec spec) {
    String dir = spec.normalizedPath();
    String file = Paths.join(dir, "kustomization.yaml");
    Map<String, Object> k = null;
    for (String name : KustomizationFile.NAMES) {
      String path = Paths.join(dir, name);
      if (fs.isFile(path)) {
        file = path;
        k = YamlReader.readDocuments(path, fs.read(path)).stream().findFirst()
            .orElse(new LinkedHashMap<>());
      }
    }
    if (k == null) {
      k = new LinkedHashMap<>();
      k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
      k.put("kind", "Kustomization");
      k.put("resources", new ArrayList<Object>(KustomizeRenderer.generatedResources(fs, dir, "")));
    }
    merge(k, spec, fs, dir);
    return kustomizer.build(new OverlayFileSystem(fs, file, YamlWriter.write(k)), dir);
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> k, Kustomization.Spec spec, KustomizeFileSystem fs,
      String dir) {
    if (spec.buildMetadata() != null && !spec.buildMetadata().isEmpty()) {
      k.put("buildMetadata", new ArrayList<Object>(spec.buildMetadata()));
    }
    put(k, "namespace", spec.targetNamespace());
    put(k, "namePrefix", spec.namePrefix());
    put(k, "nameSuffix", spec.nameSuffix());
    if (spec.patches() != null) {
      List<Object> patches = list(k, "patches");
      for (Kustomization.Patch p : spec.patches()) {
        patches.add(patch(p));
      }
    }
    if (spec.images() != null) {
      List<Object> images = list(k, "images");
      for (Kustomization.Image img : spec.images()) {
        images.removeIf(o -> o instanceof Map<?, ?> m && img.name().equals(m.get("name")));
        images.add(image(img));
      }
    }
    if (spec.components() != null) {
      List<Object> components = list(k, "components");
      for (String c : spec.components()) {
        if (Boolean.TRUE.equals(spec.ignoreMissingComponents())
            && !fs.isDirectory(Paths.join(dir, c))) {
          continue;
        }
        components.add(c);
      }
    }
  }

  /** A Flux patch as a kustomization {@code patches} entry. */
  public static Map<String, Object> patch(Kustomization.Patch p) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("patch", p.patch());
    if (p.target() != null) {
      entry.put("target", selector(p.target()));
    }
    return entry;
  }

  /** A Flux image as a kustomization {@code images} entry. */
  public static Map<String, Object> image(Kustomization.Image img) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", img.name());
    putIfSet(entry, "newName", img.newName());
    putIfSet(entry, "newTag", img.newTag());
    putIfSet(entry, "digest", img.digest());
    return entry;
  }

  /** A Flux selector as a kustomization patch {@code target}. */
  public static Map<String, Object> selector(Kustomization.Selector s) {
    Map<String, Object> t = new LinkedHashMap<>();
    putIfSet(t, "group", s.group());
    putIfSet(t, "version", s.version());
    putIfSet(t, "kind", s.kind());
    putIfSet(t, "name", s.name());
    putIfSet(t, "namespace", s.namespace());
    putIfSet(t, "labelSelector", s.labelSelector());
    putIfSet(t, "annotationSelector", s.annotationSelector());
    return t;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> k, String key) {
    Object v = k.get(key);
    List<Object> l = v instanceof List<?> existing ? new ArrayList<>((List<Object>) existing)
        : new ArrayList<>();
    k.put(key, l);
    return l;
  }

  private static void put(Map<String, Object> k, String key, String value) {
    if (value != null && !value.isEmpty()) {
      k.put(key, value);
    }
  }

  private static void putIfSet(Map<String, Object> m, String key, String value) {
    put(m, key, value);
  }
}
