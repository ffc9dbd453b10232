package io.driftless.helm.render;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One render: the chart (a chart directory or a packaged {@code .tgz}), the release name and
 * namespace, the user-supplied values (already merged, see {@link FluxValues}) and the cluster's
 * capabilities; {@code valuesFiles} (nullable) replaces the chart's own defaults as
 * {@code spec.chart.spec.valuesFiles} does, and {@code skipSchemaValidation} renders without the
 * chart's {@code values.schema.json} checks ({@code disableSchemaValidation}). Every file of a chart
 * directory must resolve, links followed, inside {@code sourceRoot} (nullable: then inside the chart
 * directory itself), the root of the GitRepository the chart comes from. {@code cluster} (nullable)
 * answers {@code .Capabilities.APIVersions} and {@code lookup} from the release's target cluster; without
 * it the render is pure ({@link TargetCluster}).
 */
public record RenderRequest(
    Path chart, String releaseName, String namespace, Map<String, Object> values, Capabilities capabilities,
    ChartValuesFiles valuesFiles, boolean skipSchemaValidation, Path sourceRoot, TargetCluster cluster) {
  public RenderRequest {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(releaseName, "releaseName");
    Objects.requireNonNull(namespace, "namespace");
    values = values == null ? Map.of() : values;
    capabilities = capabilities == null ? new Capabilities("", null) : capabilities;
  }

  /** A chart confined to itself. */
  public RenderRequest(Path chart, String releaseName, String namespace, Map<String, Object> values,
      Capabilities capabilities, ChartValuesFiles valuesFiles, boolean skipSchemaValidation) {
    this(chart, releaseName, namespace, values, capabilities, valuesFiles, skipSchemaValidation, null, null);
  }

  /** The chart's own defaults, with schema validation. */
  public RenderRequest(
      Path chart, String releaseName, String namespace, Map<String, Object> values, Capabilities capabilities) {
    this(chart, releaseName, namespace, values, capabilities, null, false, null, null);
  }
}
