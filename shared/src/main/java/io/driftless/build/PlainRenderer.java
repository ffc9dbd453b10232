package io.driftless.build;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The minimal renderer: a kustomization's {@code resources} (files and directories, nested) and
 * {@code namespace}, plain YAML, and Flux's generated kustomization (every YAML file under the path)
 * when the directory has none. Confined to the source root.
 */
public final class PlainRenderer implements ManifestRenderer {
  private static final List<String> KUSTOMIZATION_FILES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  @Override
  public List<KubeObject> render(Path sourceRoot, String path) {
    Path root = sourceRoot.toAbsolutePath().normalize();
    Path dir = confine(root, root, path);
    if (!Files.isDirectory(dir)) {
      throw new ManifestException(path, "path not found in the source");
    }
    List<KubeObject> out = new ArrayList<>();
    renderDir(root, dir, out);
    return out;
  }

  private void renderDir(Path root, Path dir, List<KubeObject> out) {
    Path kfile = kustomizationFile(dir);
    if (kfile == null) {
      renderGenerated(root, dir, out);
      return;
    }
    String rel = root.relativize(kfile).toString();
    List<Map<String, Object>> docs = Yaml.readDocuments(rel, read(kfile, rel));
    Map<String, Object> k = docs.isEmpty() ? Map.of() : docs.get(0);
    List<KubeObject> own = new ArrayList<>();
    Object resources = k.getOrDefault("resources", List.of());
    if (!(resources instanceof List<?> list)) {
      throw new ManifestException(rel, "resources must be a list");
    }
    for (Object entry : list) {
      Path target = confine(root, dir, String.valueOf(entry));
      if (Files.isDirectory(target)) {
        renderDir(root, target, own);
      } else if (Files.isRegularFile(target)) {
        readObjects(root, target, own);
      } else {
        throw new ManifestException(rel, "resources: '" + entry + "' not found");
      }
    }
    Object ns = k.get("namespace");
    if (ns instanceof String namespace && !namespace.isEmpty()) {
      own.forEach(o -> o.metadata().put("namespace", namespace));
    }
    out.addAll(own);
  }

  /**
   * Flux's generated kustomization: every YAML file under the directory, recursively; a
   * subdirectory that has its own kustomization is rendered as a kustomization, not file by file.
   */
  private void renderGenerated(Path root, Path dir, List<KubeObject> out) {
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.sorted().toList();
    } catch (IOException e) {
      throw new ManifestException(root.relativize(dir).toString(), "cannot list directory: " + e.getMessage());
    }
    for (Path p : entries) {
      String name = p.getFileName().toString();
      Path confined = confine(root, dir, name);
      if (Files.isDirectory(p)) {
        if (kustomizationFile(p) != null) {
          renderDir(root, confined, out);
        } else {
          renderGenerated(root, confined, out);
        }
      } else if (Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
        readObjects(root, confined, out);
      }
    }
  }

  private void readObjects(Path root, Path file, List<KubeObject> out) {
    String rel = root.relativize(file).toString();
    for (Map<String, Object> doc : Yaml.readDocuments(rel, read(file, rel))) {
      out.add(new KubeObject(doc, rel));
    }
  }

  private static Path kustomizationFile(Path dir) {
    return KUSTOMIZATION_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
  }

  private static String read(Path file, String rel) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ManifestException(rel, "cannot read: " + e.getMessage());
    }
  }

  /** Resolves {@code rel} against {@code base}, refusing anything that leaves {@code root}. */
  static Path confine(Path root, Path base, String rel) {
    Path p = base.resolve(rel).normalize();
    try {
      Path real = Files.exists(p) ? p.toRealPath() : p;
      if (!real.startsWith(root.toRealPath())) {
        throw new ManifestException(rel, "path leaves the source root");
      }
    } catch (IOException e) {
      throw new ManifestException(rel, "cannot resolve path: " + e.getMessage());
    }
    return p;
  }
}
