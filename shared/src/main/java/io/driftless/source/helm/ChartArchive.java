package io.driftless.source.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.driftless.model.Yaml;
import io.driftless.source.DecompressionBudget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A packaged chart ({@code .tgz}: gzip over tar, PAX and GNU long names) as Helm's
 * {@code loader.LoadArchive} sees it: regular files only, the top directory (the chart name)
 * stripped, paths that escape the chart refused, and each subchart archive ({@code charts/<name>.tgz},
 * at any depth, not starting with {@code _} or {@code .}) expanded in place into {@code
 * charts/<name>/}. The chart and all its subcharts share one {@link DecompressionBudget}: at most
 * {@link #MAX_SIZE} bytes decompressed, {@link #MAX_FILE_SIZE} per file, {@link #MAX_ENTRIES}
 * entries and archives nested {@link #MAX_DEPTH} deep. The one reader of chart archives: the
 * sources read the name and version from it, the renderer every file.
 */
public final class ChartArchive {
  /** Helm's own limit for a decompressed chart ({@code loader.MaxDecompressedChartSize}). */
  public static final long MAX_SIZE = 100L * 1024 * 1024;
  /** Helm's own limit for one decompressed file ({@code loader.MaxDecompressedFileSize}). */
  public static final long MAX_FILE_SIZE = 5L * 1024 * 1024;
  /** Entries of every kind in the chart and its subcharts together; the largest public charts hold a few thousand. */
  public static final int MAX_ENTRIES = 20_000;
  /** Subchart archives inside subchart archives. */
  public static final int MAX_DEPTH = 10;
  /** The limits every archive Driftless opens is held to (charts, OCI artifacts). */
  public static final DecompressionBudget.Limits LIMITS =
      new DecompressionBudget.Limits(MAX_SIZE, MAX_FILE_SIZE, MAX_ENTRIES, MAX_DEPTH);

  private ChartArchive() {}

  /** A file of the chart, its path relative to the chart directory. */
  public record Entry(String path, byte[] data) {}

  public record Metadata(String name, String version) {}

  /**
   * The chart's files, its subchart archives expanded; {@code name} (e.g. "chart shop-1.0.0.tgz")
   * starts every error message.
   */
  public static List<Entry> read(InputStream compressed, String name) throws IOException {
    List<Entry> entries = new ArrayList<>();
    expand(compressed, "", 0, new DecompressionBudget(name, LIMITS), name + ": ", entries::add);
    return entries;
  }

  /**
   * Refuses a chart directory (a chart in a Git source, before Helm loads it in-process and unpacks
   * its subchart archives with a fresh budget each) whose files and subchart archives together cross
   * the limits of a chart archive. Links are not followed; nothing is kept.
   */
  public static void checkDirectory(Path dir, String name) throws IOException {
    DecompressionBudget budget = new DecompressionBudget(name, LIMITS);
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        budget.entry();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String path = dir.relativize(file).toString().replace('\\', '/');
        budget.file(path, Files.size(file));
        budget.read(Files.size(file));
        if (isSubchartArchive(path)) {
          try (InputStream in = Files.newInputStream(file)) {
            expand(in, path.substring(0, path.length() - ".tgz".length()) + "/", 1, budget, name + ": " + path + ": ",
                entry -> { });
          } catch (ZipException notGzip) {
            throw new IOException(name + ": " + path + ": not a gzipped chart archive", notGzip);
          }
        }
      }
    }
  }

  private static void expand(InputStream compressed, String prefix, int depth, DecompressionBudget budget, String from,
      Consumer<Entry> out) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(budget.gunzip(compressed))) {
      for (TarArchiveEntry e = next(tar, from); e != null; e = next(tar, from)) {
        budget.entry();
        if (e.getLinkFlag() != TarConstants.LF_NORMAL && e.getLinkFlag() != TarConstants.LF_OLDNORM) {
          continue; // directories, links, devices: not chart files
        }
        budget.file(prefix + e.getName(), e.getSize());
        Entry entry = entry(e.getName(), tar.readNBytes((int) budget.maxFileBytes() + 1), from);
        if (entry == null) {
          continue;
        }
        String path = prefix + entry.path();
        budget.file(path, entry.data().length);
        if (isSubchartArchive(path)) {
          budget.nested(path, depth + 1);
          String dir = path.substring(0, path.length() - ".tgz".length()) + "/";
          try {
            expand(new ByteArrayInputStream(entry.data()), dir, depth + 1, budget, from + path + ": ", out);
          } catch (ZipException notGzip) {
            throw new IOException(from + path + ": not a gzipped chart archive", notGzip);
          }
        } else {
          out.accept(new Entry(path, entry.data()));
        }
      }
    }
  }

  /**
   * {@code charts/<name>.tgz} of the chart or of a subchart, as Helm loads it: names starting with
   * {@code _} or {@code .} are not subcharts.
   */
  private static boolean isSubchartArchive(String path) {
    String[] parts = path.split("/");
    if (parts.length % 2 != 0 || !path.endsWith(".tgz")) {
      return false;
    }
    for (int i = 0; i < parts.length; i += 2) {
      if (!parts[i].equals("charts") || parts[i + 1].startsWith("_") || parts[i + 1].startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  /** Throws IllegalArgumentException when the archive holds no readable top-level Chart.yaml. */
  public static Metadata metadata(byte[] tgz, String name) {
    List<Entry> files;
    try {
      files = read(new ByteArrayInputStream(tgz), name);
    } catch (ZipException e) {
      throw new IllegalArgumentException(name + " is not a chart archive (gzipped tar): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return files.stream().filter(f -> f.path().equals("Chart.yaml")).findFirst()
        .map(f -> parse(f.data(), "Chart.yaml"))
        .orElseThrow(() -> new IllegalArgumentException(name + " has no top-level Chart.yaml"));
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

  /** The next entry; a stream that is not tar is named by {@code from}, a limit or a gzip error passed on. */
  static TarArchiveEntry next(TarArchiveInputStream tar, String from) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (ZipException | DecompressionBudget.LimitException e) {
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
