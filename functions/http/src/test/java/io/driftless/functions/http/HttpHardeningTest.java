package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.driftless.functions.RegisteredFleet;
import io.driftless.functions.SampleEvents;
import io.driftless.pipeline.Engine;
import io.driftless.trigger.WebhookSecretCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The HTTP app as someone on the network meets it: every page and answer forbids framing and
 * sniffing and carries a strict Content-Security-Policy; a 4 MB body, correctly signed, is refused with
 * 413 before the webhook's handler sees it (with a Content-Length or chunked), and nothing is queued.
 */
@QuarkusTest
@WithTestResource(RegisteredFleet.class)
class HttpHardeningTest {
  private static final int FOUR_MB = 4 * 1024 * 1024;

  @Inject Engine engine;

  @TestHTTPResource("/")
  URL root;

  @Test
  void everyAnswerForbidsFramingAndSniffingUnderAStrictPolicy() {
    hardened(given().get("/").then().statusCode(200));
    hardened(given().get("/ui/app.js").then().statusCode(200));
    hardened(given().get("/api/fleet").then().statusCode(200));
    hardened(given().get("/metrics").then().statusCode(200));
    hardened(given().get("/no-such-page").then().statusCode(404));
    hardened(given().contentType("application/json").body("{}").post("/reconcile").then().statusCode(401));
  }

  private static void hardened(ValidatableResponse response) {
    response.header("X-Frame-Options", equalTo("DENY"))
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .header("Content-Security-Policy", containsString("script-src 'self';"));
  }

  @Test
  void aSignedFourMegabytePushIsRefusedBeforeTheHandlerAndQueuesNothing() throws Exception {
    int queued = engine.store().pendingRequests().size();

    for (String path : List.of("/webhook", "/hook/github")) {
      assertThat(post(path, padded(FOUR_MB), false)).as("POST %s, 4 MB with a Content-Length", path).isEqualTo(413);
      assertThat(post(path, padded(FOUR_MB), true)).as("POST %s, 4 MB chunked", path).isEqualTo(413);
    }
    assertThat(post("/hook/" + "ab".repeat(32), padded(FOUR_MB), false)).as("a Receiver's path").isEqualTo(413);
    assertThat(engine.store().pendingRequests()).as("nothing queued").hasSize(queued);

    assertThat(post("/webhook", padded(1024), false)).as("the same push, small: the path is live").isEqualTo(202);
    assertThat(engine.store().pendingRequests()).hasSize(queued + 1);
  }

  /** github-push.json's body with {@code spaces} trailing spaces (still JSON), signed with the root's secret. */
  private static byte[] padded(int spaces) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(SampleEvents.githubPushBody());
    body.writeBytes(" ".repeat(spaces).getBytes(StandardCharsets.US_ASCII));
    return body.toByteArray();
  }

  private int post(String path, byte[] body, boolean chunked) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(root.toURI().resolve(path))
        .POST(chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, String> h : SampleEvents.githubPushHeaders().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("content-length")) {
        request.header(h.getKey(), h.getValue());
      }
    }
    request.setHeader("X-GitHub-Delivery", UUID.randomUUID().toString());
    request.setHeader("X-Hub-Signature-256",
        WebhookSecretCheck.sign(SampleEvents.TEST_SECRET.getBytes(StandardCharsets.UTF_8), body));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
