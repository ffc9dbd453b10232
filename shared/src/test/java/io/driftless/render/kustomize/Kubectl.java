package io.driftless.render.kustomize;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the tests can compare with a real {@code kubectl kustomize}. */
final class Kubectl {
  private Kubectl() {}

  static boolean onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, "kubectl"))) {
        return true;
      }
    }
    return false;
  }
}
