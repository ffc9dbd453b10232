package io.driftless.helm.render;

/**
 * One file from a chart's {@code crds/} directory (the chart's or a subchart's), never templated:
 * {@code path} as Helm names it ({@code chart/charts/sub/crds/x.yaml}) and its content.
 */
public record ChartCrd(String path, String content) {}
