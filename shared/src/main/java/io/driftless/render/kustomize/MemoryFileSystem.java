package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Files held in memory, for tests; directories exist wherever a file sits below them. */
public final class MemoryFileSystem implements KustomizeFileSystem {
  private final Map<String, byte[]> files = new TreeMap<>();

  public MemoryFileSystem write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  public MemoryFileSystem write(String path, byte[] content) {
    files.put(Paths.normalize(path), content.clone());
    return this;
  }

  @Override
  public boolean isDirectory(String path) {
    String p = Paths.normalize(path);
    if (p.isEmpty()) {
      return true;
    }
    return files.keySet().stream().anyMatch(f -> f.startsWith(p + "/"));
  }

  @Override
  public boolean isFile(String path) {
    return files.containsKey(Paths.normalize(path));
  }

  @Override
  public String read(String path) {
    return new String(readBytes(path), StandardCharsets.UTF_8);
  }

  @Override
  public byte[] readBytes(String path) {
    byte[] bytes = files.get(Paths.normalize(path));
    if (bytes == null) {
      throw new ManifestException(path, "no such file");
    }
    return bytes.clone();
  }

  @Override
  public long size(String path) {
    return readBytes(path).length;
  }

  @Override
  public List<String> list(String dir) {
    String p = Paths.normalize(dir);
    String prefix = p.isEmpty() ? "" : p + "/";
    TreeSet<String> names = new TreeSet<>();
    for (String f : files.keySet()) {
      if (f.startsWith(prefix)) {
        String rest = f.substring(prefix.length());
        int slash = rest.indexOf('/');
        names.add(slash < 0 ? rest : rest.substring(0, slash));
      }
    }
    return List.copyOf(names);
  }
}
