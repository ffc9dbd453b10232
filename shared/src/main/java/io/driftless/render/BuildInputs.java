package io.driftless.render;

import io.driftless.render.decrypt.DecryptionKeys;
import java.util.Map;

/**
 * What a build needs from outside the repository, gathered by the pipeline before the build (which
 * never touches a cluster): SOPS keys, postBuild variables and the source's {@code spec.ignore}
 * (gitignore lines, or null). Key material never leaves memory.
 */
public record BuildInputs(DecryptionKeys keys, Map<String, String> variables, String sourceIgnore) {
  public BuildInputs(DecryptionKeys keys, Map<String, String> variables) {
    this(keys, variables, null);
  }

  public static BuildInputs none() {
    return new BuildInputs(DecryptionKeys.empty(), Map.of());
  }

  /** These inputs with the source's {@code spec.ignore}. */
  public BuildInputs withSourceIgnore(String ignore) {
    return new BuildInputs(keys, variables, ignore);
  }
}
