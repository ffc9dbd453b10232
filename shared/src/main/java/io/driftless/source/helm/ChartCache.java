package io.driftless.source.helm;

import io.driftless.source.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Packaged charts kept on disk by content digest ({@code sha256-<hex>.tgz}), so a warm function
 * reuses a chart it downloaded in an earlier invocation. Writes are atomic: a reader never sees a
 * half-written file.
 */
public final class ChartCache {
  private final Path dir;

  public ChartCache(Path dir) {
    this.dir = dir;
  }

  /** The cached archive with this {@code sha256:<hex>} digest, if present. */
  public Optional<Path> find(String digest) {
    if (digest == null || !digest.startsWith("sha256:")) {
      return Optional.empty();
    }
    Path p = fileFor(digest);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** Stores {@code bytes} under their own digest and returns the file. */
  public Path store(byte[] bytes) {
    Path target = fileFor(digestOf(bytes));
    if (Files.isRegularFile(target)) {
      return target;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".chart-", ".part");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart cache in " + dir, e);
    }
  }

  public static String digestOf(byte[] bytes) {
    return Digests.sha256(bytes);
  }

  private Path fileFor(String digest) {
    String hex = digest.substring("sha256:".length());
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return dir.resolve("sha256-" + hex + ".tgz");
  }
}
