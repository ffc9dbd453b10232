package io.driftless.helm.render;

import io.driftless.model.Yaml;
import io.driftless.source.helm.ChartArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.chart.spec.valuesFiles} (and the deprecated {@code valuesFile}), as source-controller
 * builds the chart: the files are merged in list order with Helm's {@code MergeMaps} (later files
 * win) and the result replaces the chart's {@code values.yaml}, which counts only when it is listed.
 * For a chart from a Helm or OCI repository the paths are files of the chart; for a chart from Git
 * ({@code sourceRoot} set) they are relative to the repository root and may not leave it. A missing
 * file fails the render unless {@code ignoreMissing}.
 */
public record ChartValuesFiles(List<String> paths, boolean ignoreMissing, Path sourceRoot) {
  public ChartValuesFiles {
    paths = List.copyOf(paths);
  }

  /** The chart's new defaults, given the chart's own files. */
  Map<String, Object> merge(List<ChartArchive.Entry> chartFiles, String origin) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (String path : paths) {
      String clean = Path.of(path).normalize().toString();
      byte[] data = sourceRoot == null ? chartFile(chartFiles, clean) : sourceFile(path, origin);
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

  private byte[] sourceFile(String path, String origin) {
    Path root = sourceRoot.toAbsolutePath().normalize();
    Path file = root.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
    if (!file.startsWith(root)) {
      throw new ChartRenderException(origin + ": values file '" + path + "' is outside the source");
    }
    try {
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    } catch (IOException e) {
      throw new ChartRenderException(origin + ": cannot read values file '" + path + "': " + e.getMessage());
    }
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
