package io.driftless.helm.render;

import io.driftless.model.Yaml;
import io.driftless.render.kustomize.DiskFileSystem;
import io.driftless.render.kustomize.KustomizeFileSystem;
import io.driftless.source.helm.ChartArchive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.chart.spec.valuesFiles} (and the deprecated {@code valuesFile}), as source-controller
 * builds the chart: the files are merged in list order with Helm's {@code MergeMaps} (later files
 * win) and the result replaces the chart's {@code values.yaml}, which counts only when it is listed.
 * For a chart from a Helm or OCI repository the paths are files of the chart; for a chart from Git
 * ({@code sourceRoot} set) they are relative to the repository root and are read through the
 * confined filesystem kustomize builds use ({@link DiskFileSystem}): a file that resolves, links
 * followed, outside the source fails the render naming it (with {@code ignoreMissing} too), as it
 * does in source-controller. A missing file fails the render unless {@code ignoreMissing}.
 */
public record ChartValuesFiles(List<String> paths, boolean ignoreMissing, Path sourceRoot) {
  public ChartValuesFiles {
    paths = List.copyOf(paths);
  }

  /** The chart's new defaults, given the chart's own files. */
  Map<String, Object> merge(List<ChartArchive.Entry> chartFiles, String origin) {
    Map<String, Object> merged = new LinkedHashMap<>();
    KustomizeFileSystem source = sourceRoot == null ? null : new DiskFileSystem(sourceRoot);
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      String clean = Path.of(path).normalize().toString();
      byte[] data = source == null ? chartFile(chartFiles, clean) : sourceFile(source, i);
      if (data == null) {
        if (ignoreMissing) {
          continue;
        }
        throw new ChartRenderException(origin + ": no values file found at path '" + path + "'");
      }
      merged = FluxValues.mergeMaps(merged, read(data, path, origin));
    }
    return merged;
  }

  private static byte[] chartFile(List<ChartArchive.Entry> files, String path) {
    return files.stream().filter(f -> f.path().equals(path)).map(ChartArchive.Entry::data).findFirst().orElse(null);
  }

  /** The file's bytes, null when there is no such regular file; an absolute path is read from the source root. */
  private byte[] sourceFile(KustomizeFileSystem source, int index) {
    String path = paths.get(index);
    String relative = path.replaceFirst("^/+", "");
    if (source.realPath(relative) == null) {
      throw new ChartFileException(index, "values file '" + path + "' resolves outside the source");
    }
    return source.isFile(relative) ? source.readBytes(relative) : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(byte[] data, String path, String origin) {
    List<Map<String, Object>> docs;
    try {
      docs = Yaml.readDocuments(path, new String(data, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new ChartRenderException(origin + ": unmarshaling values from '" + path + "' failed: " + firstLine(e));
    }
    return docs.isEmpty() || docs.get(0) == null ? Map.of() : docs.get(0);
  }

  private static String firstLine(RuntimeException e) {
    String m = e.getMessage() == null ? "invalid YAML" : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
