package io.driftless.helm.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A rendered chart, split as Helm splits it: {@code manifest} is exactly the text Helm stores as the
 * release manifest ({@code ---\n# Source: <path>\n<doc>\n} per object, ordered by kind as Helm
 * installs them), the hooks apart, the CRDs from {@code crds/} apart, the rendered NOTES.txt, and
 * the chart document the release stores. {@code chartName}/{@code chartVersion}/{@code appVersion}
 * come from Chart.yaml.
 */
public record RenderedChart(
    String chartName,
    String chartVersion,
    String appVersion,
    String manifest,
    List<RenderedHook> hooks,
    List<ChartCrd> crds,
    String notes,
    ObjectNode chart) {
  public RenderedChart {
    hooks = List.copyOf(hooks);
    crds = List.copyOf(crds);
  }
}
