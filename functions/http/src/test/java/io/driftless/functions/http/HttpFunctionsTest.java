package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.driftless.config.DriftlessConfig;
import io.driftless.functions.EngineProducer;
import io.driftless.functions.RegisteredFleet;
import io.driftless.pipeline.Engine;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook over HTTP, as Knative and `driftless serve` run it, replaying events/ (the schedule: HttpScheduleTest). */
@QuarkusTest
@WithTestResource(RegisteredFleet.class)
class HttpFunctionsTest {
  @Inject EngineProducer producer;

  @Test
  void signedGithubPushIsAcceptedAtOnce() {
    given()
        .headers(SampleEvents.githubPushHeaders())
        .body(SampleEvents.githubPushBody())
        .post("/webhook")
        .then()
        .statusCode(202);
  }

  @Test
  void unsignedPushIsUnauthorized() {
    Map<String, String> headers = SampleEvents.githubPushHeaders();
    headers.remove("x-hub-signature-256");

    given()
        .headers(headers)
        .body(SampleEvents.githubPushBody())
        .post("/hook/github")
        .then()
        .statusCode(401)
        .body(containsString("X-Hub-Signature-256"));
  }

  @Test
  void withoutATableTheStoreIsDynamoDbLocalInTheDataDir() throws Exception {
    Path dataDir = Files.createTempDirectory("driftless-http-no-table");

    try (Engine engine = producer.open(DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_DATA_DIR", dataDir.toString())))) {
      assertThat(engine.store().listRoots()).isEmpty();
    }
    assertThat(dataDir.resolve("driftless.db")).isRegularFile();
  }
}
