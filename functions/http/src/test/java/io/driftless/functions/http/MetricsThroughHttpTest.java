package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.local.LocalPrometheus;
import io.driftless.local.LocalPrometheus.Sample;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ManualReconcile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /metrics on the HTTP app (driftless serve, the Knative service), scraped by a real Prometheus
 * with infra/monitoring/'s job after examples/ were reconciled: Flux's series of the fleet, read from
 * the table.
 */
@QuarkusTest
@WithTestResource(SandboxFleet.class)
class MetricsThroughHttpTest {
  @Inject Engine engine;
  @TempDir Path tmp;

  @Test
  void prometheusScrapesTheFleetsSeries() throws Exception {
    SandboxFleet.commit("metrics");
    engine.reconcile(ManualReconcile.all());

    String page = given().get("/metrics").then().statusCode(200)
        .contentType("text/plain; version=0.0.4; charset=utf-8").extract().asString();
    assertThat(page).contains("# TYPE gotk_reconcile_duration_seconds histogram");

    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    try (LocalPrometheus prometheus = LocalPrometheus.withDriftlessMonitoring(
        Path.of("../../infra/monitoring"), tmp.resolve("prometheus"), "127.0.0.1:" + port)) {
      List<Sample> ready = prometheus.awaitSamples(
          "gotk_reconcile_condition{kind=\"Kustomization\",name=\"apps\",type=\"Ready\",status=\"True\"}", Duration.ofSeconds(60));
      assertThat(prometheus.targetHealth()).isEqualTo("up");
      assertThat(ready).singleElement().satisfies(s -> {
        assertThat(s.value()).isEqualTo(1);
        assertThat(s.labels()).containsEntry("cluster", "demo").containsEntry("exported_namespace", "flux-system");
      });
      assertThat(prometheus.query("gotk_reconcile_duration_seconds_count{kind=\"Kustomization\",name=\"apps\"} >= 1"))
          .hasSize(1);
      assertThat(prometheus.query("gotk_resource_info{customresource_kind=\"Kustomization\",name=\"apps\",ready=\"True\"}"))
          .hasSize(1);
    }
  }
}
