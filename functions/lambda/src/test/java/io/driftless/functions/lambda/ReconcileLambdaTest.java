package io.driftless.functions.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import io.driftless.functions.RegisteredFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The reconcile Lambda as the table's stream invokes it for a queued REQUEST item. */
@QuarkusTest
@TestProfile(Exports.Reconcile.class)
@WithTestResource(RegisteredFleet.class)
class ReconcileLambdaTest {

  @Test
  void dynamoDbStreamEventDrainsTheQueue() {
    given()
        .contentType("application/json")
        .body(SampleEvents.text("dynamodb-stream.json"))
        .post()
        .then()
        .statusCode(200)
        .body("outcomes", notNullValue());
  }
}
