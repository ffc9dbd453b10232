package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;

/** Reads files for a build, enforcing the load restrictor and the file-size limit. */
record Loader(KustomizeFileSystem fs, KustomizeOptions options, OpenApiSchema.Choice openApi) {

  Loader(KustomizeFileSystem fs, KustomizeOptions options) {
    this(fs, options, new OpenApiSchema.Choice());
  }

  /** Reads {@code path} on behalf of the kustomization in {@code dir}, for {@code field}. */
  String readConfined(String path, String dir, String field) {
    check(path, dir, field);
    return fs.read(path);
  }

  byte[] readBytesConfined(String path, String dir, String field) {
    check(path, dir, field);
    return fs.readBytes(path);
  }

  /** A root-relative path as an error shows it ({@code .} for the root). */
  private static String shown(String path) {
    return path.isEmpty() ? "." : path;
  }

  /** Fails when {@code path}, a directory a kustomization names, is a symlink out of the root. */
  void checkDirectory(String path, String kustomization, String field) {
    if (fs.realPath(path) == null) {
      throw new ManifestException(kustomization, field + ": security; '" + path
          + "' is a symlink to outside the build root");
    }
  }

  private void check(String path, String dir, String field) {
    if (Paths.escapes(path)) {
      throw new ManifestException(path, field + ": file is outside the build root");
    }
    String real = fs.realPath(path);
    if (real == null) {
      throw new ManifestException(path, field + ": security; file '" + path
          + "' is a symlink to outside the build root");
    }
    if (options.loadRestrictor() == KustomizeOptions.LoadRestrictor.ROOT_ONLY) {
      // as kubectl: the file, symlinks followed, must lie under the kustomization's real directory
      String realDir = fs.realPath(dir);
      if (!Paths.within(path, dir) || realDir == null || !Paths.within(real, realDir)) {
        throw new ManifestException(path, field + ": security; file '" + shown(real)
            + "' is not in or below '" + shown(realDir == null ? dir : realDir) + "'");
      }
    }
    if (!fs.isFile(path)) {
      throw new ManifestException(path, field + ": no such file");
    }
    long size = fs.size(path);
    if (size > options.maxFileBytes()) {
      throw new ManifestException(path, field + ": file is " + size + " bytes, over the limit of "
          + options.maxFileBytes());
    }
  }
}
