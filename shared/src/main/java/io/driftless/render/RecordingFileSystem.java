package io.driftless.render;

import io.driftless.render.kustomize.KustomizeFileSystem;
import io.driftless.render.kustomize.Paths;
import java.util.List;

/** A source's files, noting in {@link BuildReads} every path the build looks at. */
final class RecordingFileSystem implements KustomizeFileSystem {
  private final KustomizeFileSystem files;
  private final BuildReads reads;

  RecordingFileSystem(KustomizeFileSystem files, BuildReads reads) {
    this.files = files;
    this.reads = reads;
  }

  @Override
  public boolean isDirectory(String path) {
    boolean is = files.isDirectory(path);
    reads.probed(Paths.normalize(path), is || files.isFile(path));
    return is;
  }

  @Override
  public boolean isFile(String path) {
    boolean is = files.isFile(path);
    reads.probed(Paths.normalize(path), is || files.isDirectory(path));
    return is;
  }

  @Override
  public String read(String path) {
    note(path);
    return files.read(path);
  }

  @Override
  public byte[] readBytes(String path) {
    note(path);
    return files.readBytes(path);
  }

  @Override
  public long size(String path) {
    note(path);
    return files.size(path);
  }

  @Override
  public String realPath(String path) {
    return files.realPath(path);
  }

  @Override
  public List<String> list(String dir) {
    reads.listed(Paths.normalize(dir));
    return files.list(dir);
  }

  /** A file and, when it is a link, the file it leads to. */
  private void note(String path) {
    String clean = Paths.normalize(path);
    reads.read(clean);
    String real = files.realPath(path);
    if (real != null && !real.equals(clean)) {
      reads.read(real);
    }
  }
}
