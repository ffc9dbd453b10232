package io.driftless.source.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A chart that is a generated ExternalArtifact: its files are the chart, either at the artifact's
 * root or (as a packaged chart holds it, and as copying {@code @chart/} of a chart source leaves it)
 * in its only top-level directory. The revision is the Chart.yaml version, as helm-controller keeps
 * it for an ExternalArtifact (no digest suffix: that is for OCIRepository only).
 */
final class ArtifactCharts {
  private ArtifactCharts() {}

  static ChartArtifact chart(String artifactKey, Path root, String digest) {
    Path dir = chartDirectory(artifactKey, root);
    ChartArchive.Metadata meta;
    try {
      meta = ChartArchive.parse(Files.readAllBytes(dir.resolve("Chart.yaml")),
          root.relativize(dir.resolve("Chart.yaml")).toString());
    } catch (IOException | IllegalArgumentException e) {
      throw new ChartSourceException("ExternalArtifact " + artifactKey + ": " + e.getMessage());
    }
    return new ChartArtifact(meta.name(), meta.version(), meta.version(), digest, dir, false);
  }

  private static Path chartDirectory(String artifactKey, Path root) {
    if (Files.isRegularFile(root.resolve("Chart.yaml"))) {
      return root;
    }
    List<Path> dirs;
    try (Stream<Path> entries = Files.list(root)) {
      dirs = entries.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new ChartSourceException("ExternalArtifact " + artifactKey + ": " + e.getMessage());
    }
    if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve("Chart.yaml"))) {
      return dirs.get(0);
    }
    throw new ChartSourceException("ExternalArtifact " + artifactKey
        + " is not a chart: no Chart.yaml at its root or in its only top-level directory");
  }
}
