package io.driftless.source.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.driftless.model.Yaml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a packaged chart's top-level {@code Chart.yaml} (name and version) from its {@code .tgz}. */
public final class ChartArchive {
  private static final int MAX_CHART_YAML = 1 << 20;

  private ChartArchive() {}

  public record Metadata(String name, String version) {}

  /** Throws IllegalArgumentException when the archive holds no readable top-level Chart.yaml. */
  public static Metadata metadata(byte[] tgz) {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        int slash = name.indexOf('/');
        if (e.isFile() && slash > 0 && name.substring(slash + 1).equals("Chart.yaml")) {
          return parse(readLimited(tar), name);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a chart archive (gzipped tar): " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("the archive has no top-level Chart.yaml");
  }

  /** Name and version from the text of a Chart.yaml. */
  public static Metadata parse(byte[] chartYaml, String file) {
    Map<?, ?> m;
    try {
      m = Yaml.mapper().readValue(chartYaml, Map.class);
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException(file + " is not valid YAML: " + why, e);
    }
    Object name = m == null ? null : m.get("name");
    Object version = m == null ? null : m.get("version");
    if (name == null || version == null) {
      throw new IllegalArgumentException(file + " must set name and version");
    }
    return new Metadata(name.toString(), version.toString());
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_CHART_YAML + 1);
    if (bytes.length > MAX_CHART_YAML) {
      throw new IOException("Chart.yaml is larger than 1 MiB");
    }
    return bytes;
  }
}
