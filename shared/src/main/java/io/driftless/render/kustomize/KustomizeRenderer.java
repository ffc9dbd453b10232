package io.driftless.render.kustomize;

import io.driftless.model.KubeObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's renderer: kustomize confined to the source root. A directory without a
 * kustomization gets one generated, as Flux does, listing every YAML file below it (a
 * subdirectory that has its own kustomization is listed as one entry instead).
 */
public final class KustomizeRenderer {
  private final Kustomizer kustomizer;

  public KustomizeRenderer(KustomizeOptions options) {
    this.kustomizer = new Kustomizer(options);
  }

  /**
   * As kustomize-controller builds: files may be read from anywhere inside the source root
   * (LoadRestrictionsNone on a filesystem confined to the root), remote bases refused.
   */
  public KustomizeRenderer() {
    this(KustomizeOptions.defaults().withLoadRestrictor(KustomizeOptions.LoadRestrictor.NONE));
  }

  /**
   * Renders the manifests at {@code path} (relative to {@code sourceRoot}) as {@code kustomize build}
   * does, generating a kustomization when the path has none, as Flux does; never reads outside
   * {@code sourceRoot}.
   */
  public List<KubeObject> render(Path sourceRoot, String path) {
    return render(new DiskFileSystem(sourceRoot), path);
  }

  public List<KubeObject> render(KustomizeFileSystem fs, String path) {
    String dir = Paths.normalize(path);
    for (String name : KustomizationFile.NAMES) {
      if (fs.isFile(Paths.join(dir, name))) {
        return kustomizer.build(fs, dir);
      }
    }
    StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nresources:\n");
    for (String entry : generatedResources(fs, dir, "")) {
      k.append("- '").append(entry.replace("'", "''")).append("'\n");
    }
    return kustomizer.build(new OverlayFileSystem(fs, Paths.join(dir, "kustomization.yaml"),
        k.toString()), dir);
  }

  /** The file list of Flux's generated kustomization for {@code dir}. */
  static List<String> generatedResources(KustomizeFileSystem fs, String dir, String rel) {
    List<String> out = new ArrayList<>();
    String here = Paths.join(dir, rel);
    for (String name : fs.list(here)) {
      String child = rel.isEmpty() ? name : rel + "/" + name;
      String full = Paths.join(dir, child);
      if (fs.isDirectory(full)) {
        boolean hasKustomization = KustomizationFile.NAMES.stream()
            .anyMatch(n -> fs.isFile(Paths.join(full, n)));
        if (hasKustomization) {
          out.add(child);
        } else {
          out.addAll(generatedResources(fs, dir, child));
        }
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        out.add(child);
      }
    }
    return out;
  }
}
