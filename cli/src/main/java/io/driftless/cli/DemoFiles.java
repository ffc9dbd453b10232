package io.driftless.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The demo's scratch directory and its second commit. */
final class DemoFiles {
  private DemoFiles() {}

  static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /** Edits the ConfigMap's message, removes the Service from the app and changes the hello release's color. */
  static void editSecondCommit(Path work) throws IOException {
    Path app = work.resolve("apps/podinfo");
    Path cm = app.resolve("configmap.yaml");
    Files.writeString(cm, Files.readString(cm).replace("Hello from Driftless", "Hello again, from the second commit"));
    Files.delete(app.resolve("service.yaml"));
    Path k = app.resolve("kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace("  - service.yaml\n", ""));
    Path values = work.resolve("infrastructure/hello/values.yaml");
    Files.writeString(values, Files.readString(values).replace("color: teal", "color: orange"));
  }
}
