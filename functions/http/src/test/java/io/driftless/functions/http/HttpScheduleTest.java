package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.driftless.functions.ClusterFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** POST /schedule with the API token, as a scheduler over HTTP would call it, over a fleet it can reconcile. */
@QuarkusTest
@WithTestResource(ClusterFleet.class)
class HttpScheduleTest {

  @Test
  void scheduledEventRunsTheSchedule() {
    given()
        .contentType("application/json")
        .header("Authorization", "Bearer " + FunctionGuardTest.TOKEN)
        .body(SampleEvents.text("schedule.json"))
        .post("/schedule")
        .then()
        .statusCode(200)
        .body("outcomes.kustomization", contains("flux-system/flux-system"))
        .body("outcomes[0].ready", equalTo(true))
        .body("outcomes[0].changes[0].action", equalTo("CREATED"))
        .body("outcomes[0].changes[0].id.name", equalTo(ClusterFleet.CONFIG_MAP));

    assertThat(ClusterFleet.sandbox.client().configMaps().inNamespace("default").withName(ClusterFleet.CONFIG_MAP).get())
        .isNotNull();
  }
}
