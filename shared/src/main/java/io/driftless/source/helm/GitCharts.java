package io.driftless.source.helm;

import io.driftless.model.Kustomization;
import io.driftless.model.helm.HelmObject;
import io.driftless.source.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A chart that is a directory in a fetched GitRepository ({@code chart: ./charts/podinfo}). The path
 * must stay inside the source. The revision is the Chart.yaml version, or with the {@code Revision}
 * reconcile strategy {@code <version>+<first 12 hex of the commit>} (helm.md §4.1).
 */
final class GitCharts {
  private GitCharts() {}

  static ChartArtifact chart(HelmObject owner, SourceSnapshot source, String chartPath, String reconcileStrategy) {
    Path dir = confined(owner, source.root(), chartPath);
    Path chartYaml = dir.resolve("Chart.yaml");
    if (!Files.isRegularFile(chartYaml)) {
      throw ChartSourceException.of(owner, "no Chart.yaml in '" + chartPath + "' of " + source.sourceKey()
          + " at " + source.revision());
    }
    ChartArchive.Metadata meta;
    try {
      meta = ChartArchive.parse(Files.readAllBytes(chartYaml), normalised(chartPath) + "/Chart.yaml");
    } catch (IOException | IllegalArgumentException e) {
      throw ChartSourceException.of(owner, e.getMessage());
    }
    String commit = source.revision().commit();
    String revision = meta.version();
    if ("Revision".equals(reconcileStrategy)) {
      int plus = revision.indexOf('+');
      revision = (plus < 0 ? revision : revision.substring(0, plus)) + "+" + commit.substring(0, 12);
    }
    return new ChartArtifact(meta.name(), revision, revision, "sha1:" + commit, dir, false);
  }

  private static Path confined(HelmObject owner, Path root, String chartPath) {
    try {
      Path realRoot = root.toRealPath();
      Path dir = realRoot.resolve(normalised(chartPath)).normalize();
      if (!dir.startsWith(realRoot)) {
        throw ChartSourceException.of(owner, "chart path '" + chartPath + "' leaves the source");
      }
      if (!Files.isDirectory(dir)) {
        throw ChartSourceException.of(owner, "chart path '" + chartPath + "' is not a directory in the source");
      }
      Path real = dir.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw ChartSourceException.of(owner, "chart path '" + chartPath + "' leaves the source through a link");
      }
      return real;
    } catch (IOException e) {
      throw ChartSourceException.of(owner, "chart path '" + chartPath + "': " + e.getMessage());
    }
  }

  private static String normalised(String p) {
    return Kustomization.normalizePath(p);
  }
}
