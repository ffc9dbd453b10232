package io.driftless.functions.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.driftless.functions.ClusterFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The schedule Lambda, replaying events/schedule.json (the EventBridge scheduled-event shape). */
@QuarkusTest
@TestProfile(Exports.Schedule.class)
@WithTestResource(ClusterFleet.class)
class ScheduleLambdaTest {

  @Test
  void eventBridgeScheduledEventRunsTheSchedule() {
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

    assertThat(ClusterFleet.sandbox.client().configMaps().inNamespace("default").withName(ClusterFleet.CONFIG_MAP).get())
        .isNotNull();
  }
}
