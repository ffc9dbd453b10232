package io.driftless.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, which .ci/run installs) in a
 * directory of its own on 127.0.0.1, scraping one target every second with a given scrape config
 * and evaluating given rule files every second; {@link #query} asks its HTTP API. Tests use it to
 * check that {@code /metrics} parses with Prometheus' own parser and that the shipped rules and
 * dashboard queries work on what Driftless serves.
 */
public final class LocalPrometheus implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final Process process;
  private final URI api;
  private final HttpClient http = HttpClient.newHttpClient();

  /** One sample of a query's answer: its labels (with {@code __name__}) and value. */
  public record Sample(Map<String, String> labels, double value) {}

  private LocalPrometheus(Process process, URI api) {
    this.process = process;
    this.api = api;
  }

  /** True when Prometheus is installed here. */
  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Starts Prometheus in {@code dir} with the first job of {@code scrapeConfig} (a file holding
   * {@code scrape_configs:}) pointed at {@code target} ({@code host:port}) every second, and with
   * {@code ruleFiles}; waits until it is ready.
   */
  @SuppressWarnings("unchecked")
  public static LocalPrometheus start(Path dir, Path scrapeConfig, String target, List<Path> ruleFiles) {
    if (!installed()) {
      throw new IllegalStateException(BINARY + " not found: install Debian's prometheus package (apt-get install prometheus)");
    }
    try {
      Files.createDirectories(dir);
      Map<String, Object> config = YAML.readValue(scrapeConfig.toFile(), Map.class);
      Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).get(0);
      job.put("scrape_interval", "1s");
      job.put("static_configs", List.of(Map.of("targets", List.of(target))));
      config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
      config.put("rule_files", ruleFiles.stream().map(p -> p.toAbsolutePath().toString()).toList());
      Path file = dir.resolve("prometheus.yml");
      YAML.writeValue(file.toFile(), config);
      int port = freePort();
      Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + file,
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      LocalPrometheus prometheus = new LocalPrometheus(process, URI.create("http://127.0.0.1:" + port + "/"));
      prometheus.awaitReady(dir.resolve("prometheus.log"));
      return prometheus;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Prometheus in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Prometheus as infra/monitoring/ ({@code monitoring}) sets it up: the job of prometheus-scrape.yaml
   * pointed at {@code target}, and the rules of the PrometheusRule in flux-alerts.yaml.
   */
  @SuppressWarnings("unchecked")
  public static LocalPrometheus withDriftlessMonitoring(Path monitoring, Path dir, String target) {
    try {
      Files.createDirectories(dir);
      Map<String, Object> rule = YAML.readValue(monitoring.resolve("flux-alerts.yaml").toFile(), Map.class);
      Path rules = dir.resolve("flux-alerts.rules.yaml");
      YAML.writeValue(rules.toFile(), rule.get("spec"));
      return start(dir, monitoring.resolve("prometheus-scrape.yaml"), target, List.of(rules));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + monitoring + ": " + e.getMessage(), e);
    }
  }

  /** The answer to an instant PromQL query; IllegalArgumentException when Prometheus refuses the query. */
  public List<Sample> query(String promql) {
    JsonNode answer = get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asText())) {
      throw new IllegalArgumentException("query " + promql + ": " + answer.path("error").asText());
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonNode result : answer.path("data").path("result")) {
      Map<String, String> labels = new TreeMap<>();
      result.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      samples.add(new Sample(labels, Double.parseDouble(result.path("value").get(1).asText())));
    }
    return samples;
  }

  /** Polls {@link #query} until it answers at least one sample, up to {@code deadline}; the last answer. */
  public List<Sample> awaitSamples(String promql, Duration deadline) {
    Instant until = Instant.now().plus(deadline);
    List<Sample> samples = query(promql);
    while (samples.isEmpty() && Instant.now().isBefore(until)) {
      pause();
      samples = query(promql);
    }
    return samples;
  }

  /** The scrape target's health and last error, as Prometheus reports them ({@code up}, or {@code down: <error>}). */
  public String targetHealth() {
    JsonNode targets = get("api/v1/targets").path("data").path("activeTargets");
    if (targets.isEmpty()) {
      return "no target";
    }
    JsonNode t = targets.get(0);
    String error = t.path("lastError").asText();
    return t.path("health").asText() + (error.isEmpty() ? "" : ": " + error);
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Prometheus at " + api + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted asking Prometheus", e);
    }
  }

  private void awaitReady(Path log) throws IOException {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prometheus stopped at start: " + lastLine(log));
      }
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(api.resolve("-/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // polled again below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for Prometheus", e);
      }
      pause();
    }
    close();
    throw new IllegalStateException("Prometheus not ready within 60 s: " + lastLine(log));
  }

  private static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
