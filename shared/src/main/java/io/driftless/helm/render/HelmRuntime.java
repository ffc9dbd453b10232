package io.driftless.helm.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Where helm-java's native Helm keeps its files. The library itself is unpacked into
 * {@code java.io.tmpdir} (template.yaml sets {@code -Djava.io.tmpdir=/tmp}); JNA's own stub goes to
 * {@code jna.tmpdir}, which is pointed into the work directory here unless already set (its default,
 * {@code ~/.cache/JNA}, is read-only on Lambda).
 *
 * <p>Helm's own paths ({@code HELM_CONFIG_HOME}, {@code HELM_CACHE_HOME}, {@code HELM_DATA_HOME})
 * cannot be set from Java: Go reads the environment block the process started with (a libc
 * {@code setenv} before the library loads is not seen either: tried). Without them and without
 * {@code HOME}, as on Lambda, Helm's paths are relative to the working directory ({@code /var/task},
 * read-only). The renderer needs none of them: it passes its own {@code repositories.yaml}, and
 * rendering a local chart writes nothing else (tested with no HOME and only a temp directory
 * writable). template.yaml sets all three under /tmp for anything else; on Lambda, a missing one
 * is named once in the log.
 */
final class HelmRuntime {
  private static final Logger LOG = Logger.getLogger(HelmRuntime.class.getName());
  static final List<String> HELM_PATHS = List.of("HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME");
  private static boolean checked;

  private HelmRuntime() {}

  static synchronized void prepare(Path workRoot) {
    if (System.getProperty("jna.tmpdir") == null) {
      System.setProperty("jna.tmpdir", workRoot.resolve("jna").toAbsolutePath().toString());
    }
    if (!checked) {
      checked = true;
      List<String> missing = missingOnLambda(System.getenv());
      if (!missing.isEmpty()) {
        LOG.warning(String.join(", ", missing) + " not set on Lambda: Helm's own paths fall under the read-only"
            + " working directory (template.yaml sets them under /tmp)");
      }
    }
  }

  /** The Helm path variables a Lambda environment leaves unset; none off Lambda. */
  static List<String> missingOnLambda(Map<String, String> env) {
    if (env.get("AWS_LAMBDA_FUNCTION_NAME") == null) {
      return List.of();
    }
    return HELM_PATHS.stream().filter(name -> env.get(name) == null || env.get(name).isBlank()).toList();
  }
}
