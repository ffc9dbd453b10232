package io.driftless.functions.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.record.ReconcileRequest;
import io.driftless.trigger.WebhookSecretCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A Flux Receiver's {@code /hook/<digest>} reaching the webhook Lambda through its Function URL: the
 * event's rawPath picks the Receiver, its signature is checked over the decoded raw body before
 * anything parses it, and only a valid one queues the reconcile of the Kustomization it lists.
 */
@QuarkusTest
@TestProfile(Exports.Webhook.class)
@WithTestResource(ReceiverFleet.class)
class ReceiverLambdaTest {
  private static final byte[] NOT_JSON = "{\"ref\": oops".getBytes(StandardCharsets.UTF_8);

  @Test
  void functionUrlEventOnTheReceiversPathQueuesItsKustomizationOnlyWhenSigned() {
    invoke(event("/hook/" + ReceiverFleet.DIGEST, "d-1", "not the token"))
        .body("statusCode", equalTo(400)).body("body", containsString("signature"));
    invoke(event("/hook/" + "f".repeat(64), "d-2", ReceiverFleet.TOKEN)).body("statusCode", equalTo(404));
    assertThat(ReceiverFleet.store.pendingRequests()).isEmpty();

    invoke(event("/hook/" + ReceiverFleet.DIGEST, "d-3", ReceiverFleet.TOKEN)).body("statusCode", equalTo(200));
    invoke(event("/hook/" + ReceiverFleet.DIGEST, "d-3", ReceiverFleet.TOKEN)).body("statusCode", equalTo(409));

    assertThat(ReceiverFleet.store.pendingRequests()).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(ReconcileRequest.KIND_KUSTOMIZATION);
      assertThat(r.target()).isEqualTo("flux-system/apps");
      assertThat(r.cluster()).isEqualTo("prod");
    });
  }

  private static io.restassured.response.ValidatableResponse invoke(ObjectNode event) {
    return given().contentType("application/json").body(event.toString()).post().then().statusCode(200);
  }

  /** A Function URL event (payload v2) for a GitHub push whose body is not JSON, signed with {@code key}. */
  private static ObjectNode event(String rawPath, String delivery, String key) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("version", "2.0").put("rawPath", rawPath).put("isBase64Encoded", true)
        .put("body", Base64.getEncoder().encodeToString(NOT_JSON));
    event.putObject("headers").put("content-type", "application/json").put("x-github-event", "push")
        .put("x-github-delivery", delivery)
        .put("x-hub-signature-256", WebhookSecretCheck.sign(key.getBytes(StandardCharsets.UTF_8), NOT_JSON));
    event.putObject("requestContext").putObject("http").put("method", "POST").put("path", rawPath);
    return event;
  }
}
