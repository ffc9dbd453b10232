package io.driftless.source.helm;

import io.driftless.model.Kustomization;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObject;
import io.driftless.source.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A chart that is a directory in a fetched GitRepository ({@code chart: ./charts/podinfo}). The path
 * and its Chart.yaml must resolve, links followed, inside the source (the renderer copies the rest of
 * the chart under the same rule, the artifact's {@code sourceRoot}). The revision is the Chart.yaml version, or with the {@code Revision}
 * reconcile strategy {@code <version>+<first 12 hex of the commit>} (helm.md §4.1).
 */
final class GitCharts {
  private GitCharts() {}

  static ChartArtifact chart(HelmObject owner, SourceSnapshot source, String chartPath, String reconcileStrategy) {
    Path dir = confined(owner, source.root(), chartPath);
    Path chartYaml = dir.resolve("Chart.yaml");
    if (Files.exists(chartYaml, LinkOption.NOFOLLOW_LINKS) && !inside(source.root(), chartYaml)) {
      throw ChartSourceException.of(owner, field(owner) + ": chart file '"
          + normalised(chartPath + "/Chart.yaml") + "' resolves outside the source");
    }
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
    return new ChartArtifact(meta.name(), revision, revision, "sha1:" + commit, dir, false, realRoot(owner, source));
  }

  /** The field naming the chart path: the HelmRelease's chart template, or a HelmChart's own spec. */
  private static String field(HelmObject owner) {
    return HelmChart.KIND.equals(owner.kind()) ? "spec.chart" : "spec.chart.spec.chart";
  }

  private static boolean inside(Path root, Path file) {
    try {
      return file.toRealPath().startsWith(root.toRealPath());
    } catch (IOException e) {
      return false; // a link to nowhere
    }
  }

  private static Path realRoot(HelmObject owner, SourceSnapshot source) {
    try {
      return source.root().toRealPath();
    } catch (IOException e) {
      throw ChartSourceException.of(owner, "source " + source.sourceKey() + ": " + e.getMessage());
    }
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
