package io.driftless.source.helm;

import java.nio.file.Path;

/**
 * A chart ready to render: {@code path} is a packaged chart ({@code .tgz}, in the cache) or a chart
 * directory (inside a fetched Git source). {@code revision} is what Flux's source writes: the chart
 * version for a HelmRepository or Git chart, {@code <tag>@sha256:<manifest digest>} for an
 * OCIRepository ({@code sha256:<digest>} when pinned by digest alone). {@code digest} is {@code
 * sha256:<hex>} of the archive, or {@code sha1:<commit>} for a Git chart. {@code sourceRoot} is the
 * root of the Git checkout a chart directory is in (every file of the chart and every values file must
 * resolve inside it), null for a packaged chart.
 */
public record ChartArtifact(String chartName, String chartVersion, String revision, String digest, Path path,
    boolean fromOciRepository, Path sourceRoot) {

  /** A packaged chart, or a chart directory confined to itself. */
  public ChartArtifact(
      String chartName, String chartVersion, String revision, String digest, Path path, boolean fromOciRepository) {
    this(chartName, chartVersion, revision, digest, path, fromOciRepository, null);
  }

  /**
   * The chart version helm-controller records for this artifact (helm.md §2.1 step 6): for an
   * OCIRepository artifact {@code <version>+<first 12 hex of the manifest digest>}, else the chart
   * version. As helm-controller does, a tag in the revision must be the Chart.yaml version ({@code
   * _} read as {@code +}); otherwise this throws a ChartSourceException naming both.
   */
  public String releaseChartVersion() {
    int at = revision.indexOf("@sha256:");
    if (!fromOciRepository || !revision.startsWith("sha256:") && at < 0) {
      return chartVersion;
    }
    String tag = at < 0 ? "" : revision.substring(0, at);
    if (!tag.isEmpty() && !tag.replace('_', '+').equals(chartVersion)) {
      throw new ChartSourceException("artifact revision tag '" + tag + "' does not match chart version '"
          + chartVersion + "' of chart '" + chartName + "'");
    }
    String hex = revision.substring(revision.indexOf("sha256:") + "sha256:".length());
    int plus = chartVersion.indexOf('+');
    String base = plus < 0 ? chartVersion : chartVersion.substring(0, plus);
    return base + "+" + hex.substring(0, Math.min(12, hex.length()));
  }
}
