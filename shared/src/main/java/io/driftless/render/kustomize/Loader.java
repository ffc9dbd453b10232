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

  private void check(String path, String dir, String field) {
    if (Paths.escapes(path)) {
      throw new ManifestException(path, field + ": file is outside the build root");
    }
    if (options.loadRestrictor() == KustomizeOptions.LoadRestrictor.ROOT_ONLY
        && !Paths.within(path, dir)) {
      throw new ManifestException(path, field + ": security; file '" + path
          + "' is not in or below '" + (dir.isEmpty() ? "." : dir) + "'");
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
