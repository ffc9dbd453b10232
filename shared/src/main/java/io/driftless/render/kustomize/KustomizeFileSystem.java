package io.driftless.render.kustomize;

import java.util.List;

/**
 * The files a build may read, addressed by {@code /}-separated paths relative to the filesystem's
 * root. Implementations never reach outside that root; {@link Kustomizer} additionally confines each
 * kustomization to its own directory ({@link KustomizeOptions.LoadRestrictor#ROOT_ONLY}).
 */
public interface KustomizeFileSystem {

  boolean isDirectory(String path);

  boolean isFile(String path);

  /** The file's text; fails with a {@link io.driftless.model.ManifestException} naming it. */
  String read(String path);

  /** The file's bytes (generators keep binary files exact); by default the UTF-8 of {@link #read}. */
  default byte[] readBytes(String path) {
    return read(path).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Size in bytes, for the file-size limit. */
  long size(String path);

  /**
   * The path with every symlink on it followed, relative to the root, or null when a symlink
   * leads out of the root. Without symlinks (the default) the cleaned path itself.
   */
  default String realPath(String path) {
    return Paths.normalize(path);
  }

  /** Names (not paths) of the entries of a directory, sorted. */
  List<String> list(String dir);
}
