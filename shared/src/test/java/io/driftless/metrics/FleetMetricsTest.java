package io.driftless.metrics;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.driftless.local.LocalPrometheus;
import io.driftless.local.LocalPrometheus.Sample;
import io.driftless.pipeline.ManualReconcile;
import io.driftless.record.ReconcileDurations;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After real reconciles (DynamoDB Local, the sandbox API server, a real Git repository), a real
 * Prometheus scrapes what {@link FleetMetrics} builds from the table, with infra/monitoring/'s scrape
 * job and alert rules: the page parses with Prometheus' own parser, holds Flux's series with their
 * labels and values, the failing Kustomization's alert goes pending, and every dashboard query runs.
 */
class FleetMetricsTest {
  private static final Path MONITORING = Path.of("../infra/monitoring");
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;
  private HttpServer page;
  private LocalPrometheus prometheus;

  @BeforeEach
  void setUp() {
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/demo/healthy.yaml", kustomization("healthy", "healthy", ""))
        .write("healthy/cm.yaml", configMap("default", "healthy", "ok"))
        .write("clusters/demo/broken.yaml", kustomization("broken", "broken", ""))
        .write("broken/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n")
        .write("clusters/demo/paused.yaml", kustomization("paused", "healthy", "  suspend: true\n"));
    remote.commit("one healthy, one broken, one suspended");
    fleet = LocalFleet.start(tmp).bootstrap(remote, null);
  }

  @AfterEach
  void tearDown() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (page != null) {
      page.stop(0);
    }
    fleet.close();
    remote.close();
  }

  @Test
  void eachReconcileIsCountedInItsStatusWrite() {
    fleet.engine().reconcile(ManualReconcile.all());
    fleet.engine().reconcile(ManualReconcile.all());

    ReconcileDurations healthy = fleet.store().getKustomization("demo", "flux-system/healthy").orElseThrow().durations();
    assertThat(healthy.count()).isEqualTo(2);
    assertThat(healthy.bucketCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    assertThat(fleet.store().getKustomization("demo", "flux-system/paused").orElseThrow().durations().count()).isZero();
  }

  @Test
  void prometheusReadsFluxSeriesFromTheTable() throws IOException {
    fleet.engine().reconcile(ManualReconcile.all());
    serveMetrics();

    prometheus = LocalPrometheus.withDriftlessMonitoring(MONITORING, tmp.resolve("prometheus"),
        "127.0.0.1:" + page.getAddress().getPort());

    List<Sample> failing = prometheus.awaitSamples("gotk_reconcile_condition{type=\"Ready\",status=\"False\"} == 1", DEADLINE);
    assertThat(prometheus.targetHealth()).isEqualTo("up");
    assertThat(failing).singleElement().satisfies(s -> assertThat(s.labels()).containsAllEntriesOf(Map.of(
        "cluster", "demo", "kind", "Kustomization", "namespace", "flux-system", "exported_namespace", "flux-system",
        "name", "broken")));
    assertThat(value("gotk_reconcile_condition{name=\"healthy\",type=\"Ready\",status=\"True\"}")).isEqualTo(1);
    assertThat(value("gotk_reconcile_condition{name=\"healthy\",type=\"Ready\",status=\"False\"}")).isZero();
    assertThat(value("gotk_reconcile_condition{name=\"healthy\",type=\"Ready\",status=\"Unknown\"}")).isZero();
    assertThat(value("gotk_suspend_status{name=\"paused\"}")).isEqualTo(1);
    assertThat(value("gotk_suspend_status{name=\"healthy\"}")).isZero();
    assertThat(prometheus.query("gotk_reconcile_condition{name=\"paused\"}")).as("never reconciled: no condition").isEmpty();

    assertThat(value("gotk_reconcile_duration_seconds_count{kind=\"Kustomization\",name=\"healthy\"}")).isEqualTo(1);
    assertThat(value("gotk_reconcile_duration_seconds_bucket{name=\"healthy\",le=\"+Inf\"}")).isEqualTo(1);
    assertThat(prometheus.query("gotk_reconcile_duration_seconds_bucket{name=\"healthy\"}"))
        .hasSize(ReconcileDurations.BOUNDS.size() + 1);
    assertThat(prometheus.query("gotk_reconcile_duration_seconds_bucket{name=\"healthy\",le=\"1799.9999999999986\"}")).hasSize(1);

    Map<String, String> info = single("gotk_resource_info{customresource_kind=\"Kustomization\",name=\"healthy\"}");
    assertThat(info).containsAllEntriesOf(Map.of("cluster", "demo", "customresource_group", "kustomize.toolkit.fluxcd.io",
        "customresource_version", "v1", "exported_namespace", "flux-system", "ready", "True", "suspended", "false",
        "source_name", "flux-system"));
    assertThat(info.get("revision")).startsWith("main@sha1:");
    assertThat(single("gotk_resource_info{name=\"broken\"}")).containsEntry("ready", "False");
    assertThat(single("gotk_resource_info{name=\"paused\"}")).containsEntry("suspended", "true");
    Map<String, String> source = single("gotk_resource_info{customresource_kind=\"GitRepository\"}");
    assertThat(source).containsEntry("name", "flux-system").containsEntry("cluster", "demo");
    assertThat(source.get("url")).isNotEmpty();
    assertThat(source.get("revision")).startsWith("main@sha1:");

    assertThat(prometheus.awaitSamples("ALERTS{alertname=\"FluxReconciliationFailure\"}", DEADLINE))
        .singleElement().satisfies(s -> assertThat(s.labels())
            .containsEntry("name", "broken").containsEntry("cluster", "demo").containsEntry("alertstate", "pending"));
    for (String query : dashboardQueries()) {
      assertThat(prometheus.query(query)).as(query).isNotNull();
    }
    assertThat(prometheus.query(dashboardQueries().get(1))).singleElement()
        .satisfies(s -> assertThat(s.value()).as("the dashboard's Failing panel").isEqualTo(1));
  }

  private double value(String query) {
    List<Sample> samples = prometheus.query(query);
    assertThat(samples).as(query).hasSize(1);
    return samples.get(0).value();
  }

  private Map<String, String> single(String query) {
    List<Sample> samples = prometheus.query(query);
    assertThat(samples).as(query).hasSize(1);
    return samples.get(0).labels();
  }

  /** Every panel query of infra/monitoring/grafana-dashboard.json, with its variables set to "all". */
  private static List<String> dashboardQueries() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText()
            .replace("$cluster", ".*").replace("$kind", ".*").replace("$__rate_interval", "1m"));
      }
    }
    return queries;
  }

  /** {@code /metrics} as the functions app serves it: built from the table on each scrape. */
  private void serveMetrics() throws IOException {
    page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    page.createContext("/metrics", exchange -> {
      byte[] body = FleetMetrics.text(fleet.store()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", MetricsText.CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    page.start();
  }
}
