package io.driftless.render.kustomize;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Another filesystem plus one extra file (a generated kustomization.yaml). */
final class OverlayFileSystem implements KustomizeFileSystem {
  private final KustomizeFileSystem base;
  private final String path;
  private final String content;

  OverlayFileSystem(KustomizeFileSystem base, String path, String content) {
    this.base = base;
    this.path = path;
    this.content = content;
  }

  @Override
  public boolean isDirectory(String p) {
    return base.isDirectory(p);
  }

  @Override
  public boolean isFile(String p) {
    return Paths.normalize(p).equals(path) || base.isFile(p);
  }

  @Override
  public String read(String p) {
    return Paths.normalize(p).equals(path) ? content : base.read(p);
  }

  @Override
  public long size(String p) {
    return Paths.normalize(p).equals(path) ? content.getBytes(StandardCharsets.UTF_8).length : base.size(p);
  }

  @Override
  public String realPath(String p) {
    return Paths.normalize(p).equals(path) ? path : base.realPath(p);
  }

  @Override
  public List<String> list(String dir) {
    return base.list(dir);
  }
}
