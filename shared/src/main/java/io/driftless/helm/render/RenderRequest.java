package io.driftless.helm.render;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One render: the chart (a chart directory or a packaged {@code .tgz}), the release name and
 * namespace, the user-supplied values (already merged, see {@link FluxValues}) and the cluster's
 * capabilities; {@code valuesFiles} (nullable) replaces the chart's own defaults as
 * {@code spec.chart.spec.valuesFiles} does, and {@code skipSchemaValidation} renders without the
 * chart's {@code values.schema.json} checks ({@code disableSchemaValidation}).
 */
public record RenderRequest(
    Path chart, String releaseName, String namespace, Map<String, Object> values, Capabilities capabilities,
    ChartValuesFiles valuesFiles, boolean skipSchemaValidation) {
  public RenderRequest {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(releaseName, "releaseName");
    Objects.requireNonNull(namespace, "namespace");
    values = values == null ? Map.of() : values;
    capabilities = capabilities == null ? new Capabilities("", null) : capabilities;
  }

  /** The chart's own defaults, with schema validation. */
  public RenderRequest(
      Path chart, String releaseName, String namespace, Map<String, Object> values, Capabilities capabilities) {
    this(chart, releaseName, namespace, values, capabilities, null, false);
  }
}
