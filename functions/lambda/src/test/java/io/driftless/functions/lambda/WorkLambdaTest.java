package io.driftless.functions.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.driftless.functions.ClusterFleet;
import io.driftless.functions.SampleEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The work Lambda as SQS invokes it (events/sqs-work.json, the stream record the pipe forwards): the
 * queued push fans out into a work item, and the item's own invocation applies it.
 */
@QuarkusTest
@TestProfile(Exports.Work.class)
@WithTestResource(value = ClusterFleet.class, initArgs = @ResourceArg(name = "queued", value = "true"))
class WorkLambdaTest {
  private static final String PUSH = "github:5a7d1a40-c7f6-11f0-8d3e-1f2a3b4c5d6e:root:fleet";

  @Test
  void aQueuedPushFansOutAndItsWorkItemRunsInItsOwnInvocation() {
    String sample = SampleEvents.text("sqs-work.json");
    List<String> queued = given().contentType("application/json").body(sample).post()
        .then().statusCode(200)
        .body("batchItemFailures", empty())
        .body("outcomes", empty())
        .extract().jsonPath().getList("queued", String.class);
    assertThat(queued).containsExactly(PUSH + "/prod#flux-system/flux-system");

    given().contentType("application/json").body(sample.replace(PUSH, queued.get(0))).post()
        .then().statusCode(200)
        .body("batchItemFailures", empty())
        .body("outcomes.kustomization", contains("flux-system/flux-system"))
        .body("outcomes[0].ready", equalTo(true));
    assertThat(ClusterFleet.sandbox.client().configMaps().inNamespace("default").withName(ClusterFleet.CONFIG_MAP).get())
        .isNotNull();

    given().contentType("application/json").body(sample).post()
        .then().statusCode(200)
        .body("batchItemFailures", empty())
        .body("queued", empty()); // a redelivery of a done request does nothing
  }
}
