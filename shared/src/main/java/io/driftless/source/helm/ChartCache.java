package io.driftless.source.helm;

import io.driftless.model.helm.HelmObject;
import io.driftless.source.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Packaged charts kept on disk, so a warm function reuses a chart it downloaded in an earlier
 * invocation. Each archive is kept by the {@link #scope} it was fetched in (the source object, its
 * URL and its credentials) and its content digest ({@code <scope>/sha256-<hex>.tgz}): an index or a
 * manifest naming the digest of a chart another source fetched with its own credentials finds
 * nothing, and that source must download the chart itself. Writes are atomic: a reader never sees a
 * half-written file.
 */
public final class ChartCache {
  /** Keys scope names for this process, so that a name says nothing of the credentials behind it. */
  private static final byte[] SCOPE_KEY = randomKey();
  private final Path dir;

  public ChartCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The cache scope of {@code source} fetching from {@code url} with {@code auth}: equal only for the
   * same object, URL and credentials (username, password, TLS material).
   */
  public static String scope(HelmObject source, String url, RepositoryAuth auth) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SCOPE_KEY, "HmacSHA256"));
      Stream.of(source.subject(), url, auth.username(), auth.password(), auth.caPem(), auth.certPem(), auth.keyPem())
          .forEach(part -> mac.update((part == null ? "\u0000" : part + "\u0001").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(mac.doFinal(), 0, 20);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The archive with this {@code sha256:<hex>} digest fetched in {@code scope}, if present. */
  public Optional<Path> find(String scope, String digest) {
    if (digest == null || !digest.startsWith("sha256:")) {
      return Optional.empty();
    }
    Path p = fileFor(scope, digest);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** Stores {@code bytes} fetched in {@code scope} under their own digest and returns the file. */
  public Path store(String scope, byte[] bytes) {
    Path target = fileFor(scope, digestOf(bytes));
    if (Files.isRegularFile(target)) {
      return target;
    }
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".chart-", ".part");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart cache in " + dir, e);
    }
  }

  /**
   * The directory holding the files of the artifact with manifest digest {@code digest} fetched in
   * {@code scope}, {@code fill}ed once (into a directory of its own, then moved in whole: a reader
   * never sees half of it).
   */
  public Path contentDir(String scope, String digest, ContentWriter fill) throws IOException {
    Path file = fileFor(scope, digest);
    Path target = file.resolveSibling(file.getFileName().toString().replace(".tgz", ".d"));
    if (Files.isDirectory(target)) {
      return target;
    }
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempDirectory(target.getParent(), ".content-");
    try {
      fill.write(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
      deleteTree(tmp); // another run filled it first: the same digest, the same files
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
    return target;
  }

  /** Whether {@link #contentDir} was filled for this digest in this scope. */
  public Optional<Path> findContent(String scope, String digest) {
    if (digest == null || !digest.startsWith("sha256:")) {
      return Optional.empty();
    }
    Path file = fileFor(scope, digest);
    Path target = file.resolveSibling(file.getFileName().toString().replace(".tgz", ".d"));
    return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
  }

  /** Writes an artifact's files into a directory. */
  @FunctionalInterface
  public interface ContentWriter {
    void write(Path dir) throws IOException;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is only disk space
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  public static String digestOf(byte[] bytes) {
    return Digests.sha256(bytes);
  }

  private Path fileFor(String scope, String digest) {
    String hex = digest.substring("sha256:".length());
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    if (!scope.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("not a chart cache scope: " + scope);
    }
    return dir.resolve(scope).resolve("sha256-" + hex + ".tgz");
  }
}
