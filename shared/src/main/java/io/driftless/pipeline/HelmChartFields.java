package io.driftless.pipeline;

import io.driftless.model.helm.HelmChart;
import io.driftless.source.helm.ChartSourceException;

/**
 * The fields of a HelmChart (helm.md §4.1) that a HelmRelease {@code chartRef} to it cannot honour
 * yet: each is refused naming the HelmChart and the field. {@code interval} is read (it does not
 * change what a reconcile installs), {@code ignoreMissingValuesFiles} only matters with valuesFiles.
 */
final class HelmChartFields {
  private HelmChartFields() {}

  static void refuse(HelmChart chart) {
    HelmChart.Spec s = chart.spec();
    if (s.valuesFiles() != null && !s.valuesFiles().isEmpty()) {
      throw refused(chart, "spec.valuesFiles");
    }
    if (s.valuesFile() != null && !s.valuesFile().isBlank()) {
      throw refused(chart, "spec.valuesFile");
    }
    if (s.verify() != null) {
      throw refused(chart, "spec.verify");
    }
    if (s.suspended()) {
      throw refused(chart, "spec.suspend");
    }
  }

  private static ChartSourceException refused(HelmChart chart, String field) {
    return new ChartSourceException(chart.subject() + ": " + field + " is not supported by Driftless yet");
  }
}
