package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlWriter;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A pure-Java {@code kubectl kustomize}: same objects, same order, same bytes. */
public final class Kustomizer {
  private final KustomizeOptions options;

  public Kustomizer(KustomizeOptions options) {
    this.options = options;
  }

  public Kustomizer() {
    this(KustomizeOptions.defaults());
  }

  /** Builds the kustomization in {@code dir}; fails with a {@link ManifestException} naming the file. */
  public List<KubeObject> build(KustomizeFileSystem fs, String dir) {
    String root = Paths.normalize(dir);
    if (Paths.escapes(root)) {
      throw new ManifestException(dir, "directory is outside the build root");
    }
    Loader loader = new Loader(fs, options);
    Vars.Declared vars = new Vars.Declared();
    ResMap m = new KustTarget(loader, 0, vars).accumulate(root);
    for (Resource r : m.resources) {
      if (r.needsHashSuffix) {
        r.rememberName();
        r.object.metadata().put("name", r.name() + "-" + NameHash.of(r.content()));
      }
    }
    NameReferences.fix(m);
    Vars.resolve(vars, m);
    KustomizationFile top = KustomizationFile.load(loader, root);
    BuildMetadata.apply(top, root, m);
    Object order = top.map("sortOptions").get("order");
    if (order == null || "legacy".equals(order)) {
      m.sortLegacy();
    } else if (!"fifo".equals(order)) {
      throw new ManifestException(top.file, "sortOptions.order must be legacy or fifo, got " + order);
    }
    List<KubeObject> out = new ArrayList<>(m.resources.size());
    for (Resource r : m.resources) {
      stringifyAnnotations(r);
      out.add(r.object);
    }
    return out;
  }

  /** Annotation values are strings in kustomize's output, whatever a patch put there. */
  @SuppressWarnings("unchecked")
  private static void stringifyAnnotations(Resource r) {
    if (r.object.metadata().get("annotations") instanceof Map<?, ?> a) {
      ((Map<String, Object>) a).replaceAll((k, v) -> v == null || v instanceof String || v instanceof Map
          || v instanceof List ? v : v instanceof Double d ? YamlWriter.formatFloat(d) : v.toString());
    }
  }

  /** Exactly what {@code kubectl kustomize dir} prints. */
  public String buildYaml(KustomizeFileSystem fs, String dir) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (KubeObject o : build(fs, dir)) {
      docs.add(o.content());
    }
    return YamlWriter.writeAll(docs);
  }
}
