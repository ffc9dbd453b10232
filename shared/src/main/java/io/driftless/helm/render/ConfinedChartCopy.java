package io.driftless.helm.render;

import io.driftless.render.kustomize.DiskFileSystem;
import io.driftless.render.kustomize.KustomizeFileSystem;
import io.driftless.source.helm.ChartArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A chart directory copied file by file through the confined filesystem kustomize builds use
 * ({@link DiskFileSystem}), so Helm packages a tree without links. Like source-controller's secure
 * chart loader, a link is followed when its real path stays inside the root (the source for a chart
 * from Git) and refused otherwise; unlike it, {@code .helmignore}d files are checked too, as are
 * directories, subcharts and {@code Chart.yaml} itself. A file that is neither a regular file nor a
 * directory, a link to a directory that holds it (a loop), and more than {@link ChartArchive#MAX_SIZE}
 * bytes in all are refused. Errors name the path in the root, never a link's target.
 */
final class ConfinedChartCopy {
  private final KustomizeFileSystem fs;
  private final Set<String> walking = new HashSet<>();
  private long bytes;

  private ConfinedChartCopy(Path root) {
    this.fs = new DiskFileSystem(root);
  }

  /** Copies the chart directory {@code chart} (inside {@code root}) to {@code target}. */
  static void copy(Path root, Path chart, Path target) throws IOException {
    Path realRoot = root.toRealPath();
    Path lexical = chart.toAbsolutePath().normalize();
    String rel = lexical.startsWith(realRoot) ? realRoot.relativize(lexical).toString().replace('\\', '/')
        : realRoot.relativize(chart.toRealPath()).toString().replace('\\', '/');
    new ConfinedChartCopy(realRoot).directory(rel, target);
  }

  private void directory(String path, Path target) throws IOException {
    String real = realPath(path);
    if (!fs.isDirectory(path)) {
      throw refused(path, "is not a directory");
    }
    if (!walking.add(real)) {
      throw refused(path, "is a link to a directory that holds it");
    }
    Files.createDirectories(target);
    for (String name : fs.list(path)) {
      String child = path.isEmpty() ? name : path + "/" + name;
      realPath(child);
      if (fs.isDirectory(child)) {
        directory(child, target.resolve(name));
      } else if (fs.isFile(child)) {
        file(child, target.resolve(name));
      } else {
        throw refused(child, "is not a regular file");
      }
    }
    walking.remove(real);
  }

  private void file(String path, Path target) throws IOException {
    bytes += fs.size(path);
    if (bytes > ChartArchive.MAX_SIZE) {
      throw refused(path, "takes the chart over " + ChartArchive.MAX_SIZE + " bytes");
    }
    Files.write(target, fs.readBytes(path));
  }

  private String realPath(String path) {
    String real = fs.realPath(path);
    if (real == null) {
      throw refused(path, "resolves outside the source");
    }
    return real;
  }

  private static ChartFileException refused(String path, String why) {
    return new ChartFileException(-1, "chart file '" + path + "' " + why);
  }
}
