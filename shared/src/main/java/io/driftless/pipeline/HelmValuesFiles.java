package io.driftless.pipeline;

import io.driftless.helm.render.ChartValuesFiles;
import io.driftless.model.GitRepository;
import io.driftless.model.helm.HelmRelease;
import io.driftless.source.helm.ChartArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spec.chart.spec.valuesFiles}, the deprecated {@code valuesFile} put first when set (as
 * source-controller's {@code GetValuesFiles} does), for the chart renderer: paths in the chart for a repository chart,
 * paths from the repository root for a chart from a GitRepository.
 */
final class HelmValuesFiles {
  private HelmValuesFiles() {}

  static List<String> paths(HelmRelease hr) {
    if (hr.spec().chart() == null || hr.spec().chart().spec() == null) {
      return List.of();
    }
    HelmRelease.ChartTemplateSpec spec = hr.spec().chart().spec();
    List<String> paths = new ArrayList<>();
    if (spec.valuesFile() != null && !spec.valuesFile().isBlank()) {
      paths.add(spec.valuesFile());
    }
    if (spec.valuesFiles() != null) {
      spec.valuesFiles().stream().filter(p -> p != null && !p.isBlank()).forEach(paths::add);
    }
    return paths;
  }

  /** The values files to render with, or null when there are none. */
  static ChartValuesFiles of(HelmRelease hr, ChartArtifact artifact) {
    List<String> paths = paths(hr);
    if (paths.isEmpty()) {
      return null;
    }
    HelmRelease.ChartTemplateSpec spec = hr.spec().chart().spec();
    Path root = null;
    if (GitRepository.KIND.equals(spec.sourceRef().kind())) {
      root = artifact.path();
      Path chartPath = Path.of(spec.chart().startsWith("/") ? spec.chart().substring(1) : spec.chart()).normalize();
      for (int i = chartPath.toString().isEmpty() ? 0 : chartPath.getNameCount(); i > 0 && root.getParent() != null; i--) {
        root = root.getParent();
      }
    }
    return new ChartValuesFiles(paths, Boolean.TRUE.equals(spec.ignoreMissingValuesFiles()), root);
  }
}
