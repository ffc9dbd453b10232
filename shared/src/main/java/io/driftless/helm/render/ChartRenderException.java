package io.driftless.helm.render;

/** A chart that cannot be loaded or rendered; the message names the chart, the file and the cause. */
public class ChartRenderException extends RuntimeException {
  public ChartRenderException(String message) {
    super(message);
  }
}
