package io.driftless.render;

import io.driftless.model.KubeObject;
import java.util.List;

/**
 * The build's output: the objects in order, the sha256 digest of their YAML (for history), and what
 * the build read of its source ({@link BuildReads#entries()}), so a later push can tell whether it
 * could change.
 */
public record BuildResult(List<KubeObject> objects, String digest, List<String> reads) {
  public BuildResult(List<KubeObject> objects, String digest) {
    this(objects, digest, List.of());
  }
}
