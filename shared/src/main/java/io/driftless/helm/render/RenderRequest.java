package io.driftless.helm.render;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One render: the chart (a chart directory or a packaged {@code .tgz}), the release name and
 * namespace, the user-supplied values (already merged, see {@link FluxValues}) and the cluster's
 * capabilities.
 */
public record RenderRequest(
    Path chart, String releaseName, String namespace, Map<String, Object> values, Capabilities capabilities) {
  public RenderRequest {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(releaseName, "releaseName");
    Objects.requireNonNull(namespace, "namespace");
    values = values == null ? Map.of() : values;
    capabilities = capabilities == null ? new Capabilities("", null) : capabilities;
  }
}
