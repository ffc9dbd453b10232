package io.driftless.render.decrypt;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The reference test vectors (copied from shared/testdata) on the test classpath. */
public final class TestVectors {
  private TestVectors() {}

  public static Path root() {
    try {
      return Path.of(TestVectors.class.getResource("testdata/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path age() {
    return root().resolve("age");
  }

  public static Path sops() {
    return root().resolve("sops");
  }
}
