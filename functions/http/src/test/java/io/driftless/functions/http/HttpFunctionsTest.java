package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.driftless.functions.RegisteredFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook over HTTP, as Knative and `driftless serve` run it, replaying events/ (the schedule: HttpScheduleTest). */
@QuarkusTest
@WithTestResource(RegisteredFleet.class)
class HttpFunctionsTest {

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
}
