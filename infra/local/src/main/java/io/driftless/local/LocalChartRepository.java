package io.driftless.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A Helm chart repository on 127.0.0.1, as {@code helm serve} once was: every chart directory in a
 * folder is packaged as {@code helm package} does (a gzipped tar of {@code <name>/...}) and listed in
 * an {@code index.yaml} with its sha256 digest, served by the JDK's HTTP server. The demo serves
 * {@code examples/charts} with it, and so do the tests that push examples/.
 */
public final class LocalChartRepository implements AutoCloseable {
  /** Helm's old {@code helm serve} port: the URL examples/ write in their HelmRepository. */
  public static final int EXAMPLES_PORT = 8879;
  public static final String EXAMPLES_URL = "http://127.0.0.1:" + EXAMPLES_PORT + "/";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final HttpServer server;
  private final Map<String, byte[]> files;

  private LocalChartRepository(HttpServer server, Map<String, byte[]> files) {
    this.server = server;
    this.files = files;
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves the charts under {@code chartsDir} on any free port. */
  public static LocalChartRepository serve(Path chartsDir) {
    try {
      return start(chartsDir, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the charts of " + chartsDir + ": " + e.getMessage(), e);
    }
  }

  /** On {@link #EXAMPLES_PORT} when it is free, else on any free port. */
  public static LocalChartRepository servePreferringExamplesPort(Path chartsDir) {
    try {
      return start(chartsDir, EXAMPLES_PORT);
    } catch (BindException taken) {
      return serve(chartsDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the charts of " + chartsDir + ": " + e.getMessage(), e);
    }
  }

  private static LocalChartRepository start(Path chartsDir, int port) throws IOException {
    Map<String, byte[]> files = pack(chartsDir);
    return new LocalChartRepository(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0), files);
  }

  /**
   * Serves {@code examples/charts} on a free port and points the HelmRepositories of {@code copy} (a
   * copy of examples/ about to be committed) at it: what a test pushing examples/ needs.
   */
  public static LocalChartRepository forExamples(Path examples, Path copy) {
    LocalChartRepository charts = serve(examples.resolve("charts"));
    charts.pointExamplesAt(copy);
    return charts;
  }

  /** The repository's URL, ending with a slash. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /**
   * Rewrites {@link #EXAMPLES_URL} to {@link #url()} in the YAML files under {@code tree}, when they
   * differ; returns the files it changed.
   */
  public List<Path> pointExamplesAt(Path tree) {
    List<Path> changed = new ArrayList<>();
    if (url().equals(EXAMPLES_URL)) {
      return changed;
    }
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path f : walk.filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p)).toList()) {
        String text = Files.readString(f);
        if (text.contains(EXAMPLES_URL)) {
          Files.writeString(f, text.replace(EXAMPLES_URL, url()));
          changed.add(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot point " + tree + " at " + url() + ": " + e.getMessage(), e);
    }
    return changed;
  }

  /** {@code index.yaml} and one {@code <name>-<version>.tgz} per chart directory. */
  private static Map<String, byte[]> pack(Path chartsDir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, List<Map<String, Object>>> entries = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(chartsDir)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("Chart.yaml"))).sorted().toList()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = YAML.readValue(dir.resolve("Chart.yaml").toFile(), LinkedHashMap.class);
        String name = String.valueOf(meta.get("name"));
        String file = name + "-" + meta.get("version") + ".tgz";
        byte[] archive = archive(dir, name);
        files.put("/" + file, archive);
        Map<String, Object> entry = new LinkedHashMap<>(meta);
        entry.put("urls", List.of(file));
        entry.put("digest", sha256(archive));
        entry.put("created", "2026-01-01T00:00:00Z");
        entries.computeIfAbsent(name, n -> new ArrayList<>()).add(entry);
      }
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("apiVersion", "v1");
    index.put("entries", entries);
    index.put("generated", "2026-01-01T00:00:00Z");
    files.put("/index.yaml", YAML.writeValueAsBytes(index));
    return files;
  }

  /** The chart directory as a gzipped tar of {@code <name>/...}, with fixed times so its digest is stable. */
  private static byte[] archive(Path dir, String name) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes));
        Stream<Path> walk = Files.walk(dir)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        byte[] content = Files.readAllBytes(f);
        TarArchiveEntry e = new TarArchiveEntry(name + "/" + dir.relativize(f).toString().replace('\\', '/'));
        e.setSize(content.length);
        e.setMode(0644);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = files.get(ex.getRequestURI().getPath());
      ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        ex.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
