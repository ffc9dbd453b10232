package io.driftless.render;

import io.driftless.render.kustomize.KustomizeFileSystem;
import io.driftless.model.ManifestException;
import java.util.List;

/** A source as Flux's artifact holds it: the files {@link SourceIgnore} leaves out are absent. */
final class IgnoringFileSystem implements KustomizeFileSystem {
  private final KustomizeFileSystem files;
  private final SourceIgnore ignore;

  IgnoringFileSystem(KustomizeFileSystem files, SourceIgnore ignore) {
    this.files = files;
    this.ignore = ignore;
  }

  @Override
  public boolean isDirectory(String path) {
    return !ignore.excludes(path, true) && files.isDirectory(path);
  }

  @Override
  public boolean isFile(String path) {
    return !ignore.excludes(path, false) && files.isFile(path);
  }

  @Override
  public String read(String path) {
    return files.read(present(path));
  }

  @Override
  public byte[] readBytes(String path) {
    return files.readBytes(present(path));
  }

  @Override
  public long size(String path) {
    return files.size(present(path));
  }

  @Override
  public String realPath(String path) {
    return files.realPath(path);
  }

  @Override
  public List<String> list(String dir) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    return files.list(dir).stream()
        .filter(n -> !ignore.excludes(prefix + n, files.isDirectory(prefix + n))).toList();
  }

  private String present(String path) {
    if (ignore.excludes(path, false)) {
      throw new ManifestException(path, "no such file: the source's ignore rules "
          + "(.sourceignore, spec.ignore or Flux's defaults) leave it out");
    }
    return path;
  }
}
