package io.driftless.helm.render;

/**
 * A file of a chart or a values file that resolves (every link followed) outside the directory it
 * must stay in, or is not a regular file. The message names the file by its path in the source,
 * never the link's target or anything read through it. {@code valuesFile} is the index into
 * {@link ChartValuesFiles#paths()}, or -1 for a chart file.
 */
public final class ChartFileException extends ChartRenderException {
  private final int valuesFile;

  ChartFileException(int valuesFile, String message) {
    super(message);
    this.valuesFile = valuesFile;
  }

  /** The index of the values file refused, or -1 when it is a file of the chart. */
  public int valuesFile() {
    return valuesFile;
  }
}
