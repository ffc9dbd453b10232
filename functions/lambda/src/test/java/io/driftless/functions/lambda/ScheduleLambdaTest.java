package io.driftless.functions.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.functions.ClusterFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule Lambda, replaying events/schedule.json (the EventBridge scheduled-event shape); after
 * the run it logs Flux's metrics of what it reconciled as CloudWatch embedded-metric-format lines.
 */
@QuarkusTest
@TestProfile(Exports.Schedule.class)
@WithTestResource(ClusterFleet.class)
class ScheduleLambdaTest {

  @Test
  void eventBridgeScheduledEventRunsTheSchedule() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(new TeeStream(original, stdout), true, StandardCharsets.UTF_8));
    try {
      runSchedule();
    } finally {
      System.setOut(original);
    }

    assertThat(ClusterFleet.sandbox.client().configMaps().inNamespace("default").withName(ClusterFleet.CONFIG_MAP).get())
        .isNotNull();
    List<JsonNode> metrics = new ArrayList<>();
    for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{\"_aws\"")) {
        metrics.add(new ObjectMapper().readTree(line));
      }
    }
    assertThat(metrics).as("embedded-metric-format lines").hasSize(4);
    JsonNode object = metrics.get(0);
    assertThat(object.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("Driftless");
    assertThat(object.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0))
        .extracting(JsonNode::asText).containsExactly("cluster", "kind", "namespace", "name");
    assertThat(object.path("kind").asText()).isEqualTo("Kustomization");
    assertThat(object.path("name").asText()).isEqualTo("flux-system");
    assertThat(object.path("gotk_suspend_status").asInt()).isZero();
    assertThat(object.path("gotk_reconcile_duration_seconds").isNumber()).isTrue();
    assertThat(object.path("revision").asText()).startsWith("main@sha1:");
    assertThat(metrics.subList(1, 4)).extracting(m -> m.path("status").asText() + "=" + m.path("gotk_reconcile_condition").asInt())
        .containsExactly("True=1", "False=0", "Unknown=0");
  }

  private static void runSchedule() {
    given()
        .contentType("application/json")
        .body(SampleEvents.text("schedule.json"))
        .post()
        .then()
        .statusCode(200)
        .body("outcomes.kustomization", contains("flux-system/flux-system"))
        .body("outcomes[0].ready", equalTo(true))
        .body("outcomes[0].reason", equalTo("ReconciliationSucceeded"))
        .body("outcomes[0].revision", startsWith("main@sha1:"))
        .body("outcomes[0].changes.action", hasItem("CREATED"));
  }

  /** Writes to both streams: the test output stays visible while it is read. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
