package io.driftless.render.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One krusty-style case under {@code src/test/resources/kustomize/cases/NAME/}: input files, and
 * either {@code expected.yaml} (what kubectl kustomize printed) or {@code expected-error.txt} (a
 * substring of our error; kubectl must fail too).
 */
record KustomizeCase(String name, Path dir) {
  static final Path ROOT = Path.of("src/test/resources/kustomize/cases");
  static final String EXPECTED = "expected.yaml";
  static final String EXPECTED_ERROR = "expected-error.txt";
  /** Present when kubectl cannot be run on the case (it hangs on an alias bomb); holds the reason. */
  static final String KUBECTL_SKIP = "kubectl-skip.txt";

  static List<KustomizeCase> all() {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s.filter(Files::isDirectory).sorted()
          .map(p -> new KustomizeCase(p.getFileName().toString(), p)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean expectsError() {
    return Files.exists(dir.resolve(EXPECTED_ERROR));
  }

  boolean kubectlCannotRun() {
    return Files.exists(dir.resolve(KUBECTL_SKIP));
  }

  String expected() {
    return read(dir.resolve(expectsError() ? EXPECTED_ERROR : EXPECTED));
  }

  /** The input files, without the expectations. */
  List<Path> inputs() {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getParent().equals(dir)
              || !(p.getFileName().toString().equals(EXPECTED)
                  || p.getFileName().toString().equals(EXPECTED_ERROR)
                  || p.getFileName().toString().equals(KUBECTL_SKIP)))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  MemoryFileSystem memoryFileSystem() {
    MemoryFileSystem fs = new MemoryFileSystem();
    for (Path p : inputs()) {
      try {
        fs.write(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return fs;
  }

  /** Copies the inputs to {@code target}, for running kubectl on them. */
  void copyInputsTo(Path target) throws IOException {
    for (Path p : inputs()) {
      Path to = target.resolve(dir.relativize(p).toString());
      Files.createDirectories(to.getParent());
      Files.copy(p, to);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
