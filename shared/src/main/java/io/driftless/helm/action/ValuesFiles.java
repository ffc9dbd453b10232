package io.driftless.helm.action;

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
final class ValuesFiles {
  private ValuesFiles() {}

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
    Path root = GitRepository.KIND.equals(spec.sourceRef().kind()) ? artifact.sourceRoot() : null;
    return new ChartValuesFiles(paths, Boolean.TRUE.equals(spec.ignoreMissingValuesFiles()), root);
  }

  /** The field the {@code index}-th of {@link #paths} comes from, e.g. {@code spec.chart.spec.valuesFiles[1]}. */
  static String field(HelmRelease hr, int index) {
    HelmRelease.ChartTemplateSpec spec = hr.spec().chart().spec();
    int i = index;
    if (spec.valuesFile() != null && !spec.valuesFile().isBlank()) {
      if (i == 0) {
        return "spec.chart.spec.valuesFile";
      }
      i--;
    }
    List<String> files = spec.valuesFiles();
    for (int j = 0; j < files.size(); j++) {
      if (files.get(j) != null && !files.get(j).isBlank() && i-- == 0) {
        return "spec.chart.spec.valuesFiles[" + j + "]";
      }
    }
    return "spec.chart.spec.valuesFiles";
  }
}
