package io.driftless.functions.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.functions.RegisteredFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The webhook Lambda behind a Function URL, replaying events/github-push.json as sam local would. */
@QuarkusTest
@TestProfile(Exports.Webhook.class)
@WithTestResource(RegisteredFleet.class)
class WebhookLambdaTest {

  @Test
  void functionUrlEventWithSignedPushAnswers202() {
    given()
        .contentType("application/json")
        .body(SampleEvents.text("github-push.json"))
        .post()
        .then()
        .statusCode(200)
        .body("statusCode", equalTo(202));
  }

  @Test
  void functionUrlEventWithoutSignatureAnswers401() {
    ObjectNode event = SampleEvents.json("github-push.json");
    ((ObjectNode) event.get("headers")).remove("x-hub-signature-256");

    given()
        .contentType("application/json")
        .body(event.toString())
        .post()
        .then()
        .statusCode(200)
        .body("statusCode", equalTo(401))
        .body("body", containsString("X-Hub-Signature-256"));
  }
}
