package io.driftless.helm.render;

import java.nio.file.Path;

/**
 * Where helm-java's native Helm keeps its files. The library itself is unpacked into
 * {@code java.io.tmpdir}; JNA's own stub goes to {@code jna.tmpdir}, which is pointed into the work
 * directory here unless already set (its default, {@code ~/.cache/JNA}, is read-only on Lambda).
 *
 * <p>Helm's own paths ({@code HELM_CONFIG_HOME}, {@code HELM_CACHE_HOME}, {@code HELM_DATA_HOME})
 * cannot be set from Java: the Go runtime reads the process environment as it was when the JVM
 * started (a {@code setenv} from inside the JVM is not seen). Rendering a local chart writes none of
 * them, and the renderer passes its own {@code repositories.yaml}; a deployment that uses Helm's
 * repository or registry commands must set those three variables in the function's environment.
 */
final class HelmRuntime {
  private HelmRuntime() {}

  static synchronized void prepare(Path workRoot) {
    if (System.getProperty("jna.tmpdir") == null) {
      System.setProperty("jna.tmpdir", workRoot.resolve("jna").toAbsolutePath().toString());
    }
  }
}
