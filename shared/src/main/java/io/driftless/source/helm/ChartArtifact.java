package io.driftless.source.helm;

import java.nio.file.Path;

/**
 * A chart ready to render: {@code path} is a packaged chart ({@code .tgz}, in the cache) or a chart
 * directory (inside a fetched Git source). {@code revision} is what Flux's source writes: the chart
 * version for a HelmRepository or Git chart, {@code <tag>@sha256:<manifest digest>} for an
 * OCIRepository. {@code digest} is {@code sha256:<hex>} of the archive or of the source.
 */
public record ChartArtifact(
    String chartName, String chartVersion, String revision, String digest, Path path, boolean fromOci) {

  /**
   * The chart version helm-controller records for this artifact (helm.md §2.1 step 6): for OCI
   * artifacts {@code <version>+<first 12 hex of the manifest digest>}, else the chart version.
   */
  public String releaseChartVersion() {
    int at = revision.indexOf("@sha256:");
    if (!fromOci || at < 0) {
      return chartVersion;
    }
    String hex = revision.substring(at + "@sha256:".length());
    int plus = chartVersion.indexOf('+');
    String base = plus < 0 ? chartVersion : chartVersion.substring(0, plus);
    return base + "+" + hex.substring(0, Math.min(12, hex.length()));
  }
}
