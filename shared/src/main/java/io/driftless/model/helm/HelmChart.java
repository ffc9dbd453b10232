package io.driftless.model.helm;

import java.util.List;

/**
 * Flux's {@code source.toolkit.fluxcd.io/v1} HelmChart: a chart from a HelmRepository, or a path in
 * a GitRepository or Bucket (helm.md §4.1). Its {@code sourceRef} is in its own namespace.
 */
public record HelmChart(String name, String namespace, Spec spec, String origin) implements HelmObject {

  public static final String API_VERSION = "source.toolkit.fluxcd.io/v1";
  public static final String KIND = "HelmChart";

  @Override
  public String kind() {
    return KIND;
  }

  public record Spec(
      String chart,
      String version,
      SourceRef sourceRef,
      String interval,
      String reconcileStrategy,
      List<String> valuesFiles,
      String valuesFile,
      Boolean ignoreMissingValuesFiles,
      Boolean suspend,
      HelmRelease.Verify verify) {

    public String effectiveVersion() {
      return version == null || version.isBlank() ? "*" : version;
    }

    public String effectiveReconcileStrategy() {
      return reconcileStrategy == null ? "ChartVersion" : reconcileStrategy;
    }

    public boolean suspended() {
      return Boolean.TRUE.equals(suspend);
    }
  }

  public record SourceRef(String apiVersion, String kind, String name) {}
}
