package io.driftless.functions.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import io.driftless.functions.RegisteredFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The schedule Lambda, replaying events/schedule.json (the EventBridge scheduled-event shape). */
@QuarkusTest
@TestProfile(Exports.Schedule.class)
@WithTestResource(RegisteredFleet.class)
class ScheduleLambdaTest {

  @Test
  void eventBridgeScheduledEventRunsTheSchedule() {
    given()
        .contentType("application/json")
        .body(SampleEvents.text("schedule.json"))
        .post()
        .then()
        .statusCode(200)
        .body("outcomes", notNullValue());
  }
}
