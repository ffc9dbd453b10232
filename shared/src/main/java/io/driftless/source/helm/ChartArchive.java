package io.driftless.source.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.driftless.model.Yaml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A packaged chart ({@code .tgz}: gzip over tar, PAX and GNU long names) as Helm's
 * {@code loader.LoadArchive} sees it: regular files only, the top directory (the chart name)
 * stripped, paths that escape the chart refused, at most {@link #MAX_SIZE} bytes decompressed. The
 * one reader of chart archives: the sources read the name and version from it, the renderer every file.
 */
public final class ChartArchive {
  /** Helm's own limit for a decompressed chart ({@code loader.MaxDecompressedChartSize}). */
  public static final long MAX_SIZE = 100L * 1024 * 1024;

  private ChartArchive() {}

  /** A file of the chart, its path relative to the chart directory. */
  public record Entry(String path, byte[] data) {}

  public record Metadata(String name, String version) {}

  /** The chart's files; {@code origin} (e.g. "chart shop.tgz"), when not empty, starts every error message. */
  public static List<Entry> read(InputStream compressed, String origin) throws IOException {
    String from = origin.isEmpty() ? "" : origin + ": ";
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(compressed))) {
      for (TarArchiveEntry e = next(tar, from); e != null; e = next(tar, from)) {
        if (e.getLinkFlag() != TarConstants.LF_NORMAL && e.getLinkFlag() != TarConstants.LF_OLDNORM) {
          continue; // directories, links, devices: not chart files
        }
        total += e.getSize();
        if (total > MAX_SIZE) {
          throw new IOException(from + "the chart is larger than " + MAX_SIZE + " bytes decompressed");
        }
        Entry entry = entry(e.getName(), tar.readAllBytes(), from);
        if (entry != null) {
          entries.add(entry);
        }
      }
    }
    return entries;
  }

  /** Throws IllegalArgumentException when the archive holds no readable top-level Chart.yaml. */
  public static Metadata metadata(byte[] tgz) {
    List<Entry> files;
    try {
      files = read(new ByteArrayInputStream(tgz), "");
    } catch (ZipException e) {
      throw new IllegalArgumentException("not a chart archive (gzipped tar): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return files.stream().filter(f -> f.path().equals("Chart.yaml")).findFirst()
        .map(f -> parse(f.data(), "Chart.yaml"))
        .orElseThrow(() -> new IllegalArgumentException("the archive has no top-level Chart.yaml"));
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

  private static TarArchiveEntry next(TarArchiveInputStream tar, String from) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (ZipException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(from + "not a tar archive (" + e.getMessage() + ")", e);
    }
  }

  private static Entry entry(String rawPath, byte[] data, String from) throws IOException {
    String path = rawPath.replace('\\', '/');
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      throw new IOException(from + "chart file " + rawPath + " has an absolute path");
    }
    int slash = path.indexOf('/');
    if (slash < 0) {
      return null; // a file beside the chart directory: Helm ignores it too
    }
    String inChart = path.substring(slash + 1);
    for (String part : inChart.split("/")) {
      if (part.equals("..")) {
        throw new IOException(from + "chart file " + rawPath + " leaves the chart directory");
      }
    }
    return inChart.isEmpty() ? null : new Entry(inChart, data);
  }
}
