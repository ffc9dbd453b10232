package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files under one directory on disk. No path may leave it: not by {@code ..}, not as an absolute
 * path, and not through a symlink whose target lies outside.
 */
public final class DiskFileSystem implements KustomizeFileSystem {
  private final Path root;

  public DiskFileSystem(Path root) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new ManifestException(root.toString(), "cannot open build root: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isDirectory(String path) {
    Path p = resolve(path);
    return p != null && Files.isDirectory(p);
  }

  @Override
  public boolean isFile(String path) {
    Path p = resolve(path);
    return p != null && Files.isRegularFile(p);
  }

  @Override
  public String read(String path) {
    Path p = confined(path);
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException(path, "cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] readBytes(String path) {
    Path p = confined(path);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new ManifestException(path, "cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public long size(String path) {
    try {
      return Files.size(confined(path));
    } catch (IOException e) {
      throw new ManifestException(path, "cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String dir) {
    try (Stream<Path> s = Files.list(confined(dir))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new ManifestException(dir, "cannot list: " + e.getMessage(), e);
    }
  }

  @Override
  public String realPath(String path) {
    Path p = resolve(path);
    return p == null ? null : root.relativize(p).toString().replace('\\', '/');
  }

  private Path confined(String path) {
    Path p = resolve(path);
    if (p == null) {
      throw new ManifestException(path, "path is outside the build root");
    }
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new ManifestException(path, "no such file or directory");
    }
    return p;
  }

  /** The real path inside the root, or null when the path (or a symlink on it) leaves the root. */
  private Path resolve(String path) {
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      return null;
    }
    String clean = Paths.normalize(path);
    if (Paths.escapes(clean)) {
      return null;
    }
    Path p = clean.isEmpty() ? root : root.resolve(clean);
    if (!Files.exists(p)) {
      return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? null : p;
    }
    try {
      Path real = p.toRealPath();
      return real.startsWith(root) ? real : null;
    } catch (IOException e) {
      return null;
    }
  }
}
