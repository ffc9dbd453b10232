package io.driftless.functions.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.driftless.functions.ClusterFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The reconcile Lambda as the table's stream invokes it for a queued REQUEST item. */
@QuarkusTest
@TestProfile(Exports.Reconcile.class)
@WithTestResource(value = ClusterFleet.class, initArgs = @ResourceArg(name = "queued", value = "true"))
class ReconcileLambdaTest {

  @Test
  void dynamoDbStreamEventDrainsTheQueue() {
    given()
        .contentType("application/json")
        .body(SampleEvents.text("dynamodb-stream.json"))
        .post()
        .then()
        .statusCode(200)
        .body("outcomes.kustomization", contains("flux-system/flux-system"))
        .body("outcomes[0].ready", equalTo(true))
        .body("outcomes[0].changes[0].action", equalTo("CREATED"))
        .body("outcomes[0].changes[0].id.name", equalTo(ClusterFleet.CONFIG_MAP));

    assertThat(ClusterFleet.sandbox.client().configMaps().inNamespace("default").withName(ClusterFleet.CONFIG_MAP).get())
        .isNotNull();
    given()
        .contentType("application/json")
        .body(SampleEvents.text("dynamodb-stream.json"))
        .post()
        .then()
        .statusCode(200)
        .body("outcomes.size()", equalTo(0));
  }
}
