package io.driftless.helm.render;

import java.io.IOException;
import java.nio.file.Path;

/** The renderer tests' name for {@link io.driftless.testing.TestCharts#shop}, where the chart is written. */
public final class TestCharts {
  private TestCharts() {}

  public static Path shop(Path parent) throws IOException {
    return io.driftless.testing.TestCharts.shop(parent);
  }
}
