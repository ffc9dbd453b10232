package io.driftless.render;

import io.driftless.render.decrypt.DecryptionKeys;
import java.util.Map;

/**
 * What a build needs from outside the repository, gathered by the pipeline before the build (which
 * never touches a cluster): SOPS keys and postBuild variables. Key material never leaves memory.
 */
public record BuildInputs(DecryptionKeys keys, Map<String, String> variables) {
  public static BuildInputs none() {
    return new BuildInputs(DecryptionKeys.empty(), Map.of());
  }
}
