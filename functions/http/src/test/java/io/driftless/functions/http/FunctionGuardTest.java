package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.driftless.functions.ClusterFleet;
import io.driftless.functions.SampleEvents;
import io.driftless.pipeline.Engine;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Someone who can reach the HTTP app's URL, without the token: POST /reconcile, /schedule, /tick and
 * /work (and the same paths spelled otherwise) are refused before anything is read, queued or run, a
 * cross-site form post (text/plain, form-encoded, multipart) gets 415, a GET 405; with the token the
 * same call runs. A request for root {@code fleet} is queued: a refused call must leave it queued and
 * the cluster untouched.
 */
@QuarkusTest
@WithTestResource(value = ClusterFleet.class, initArgs = @ResourceArg(name = "queued", value = "true"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionGuardTest {
  /** {@code %test.driftless.api-token} in application.properties. */
  static final String TOKEN = "test-api-token";
  private static final List<String> GUARDED = List.of("/reconcile", "/schedule", "/tick", "/work");
  private static final List<String> SPELLINGS = List.of("/reconcile/", "//reconcile", "/x/../reconcile",
      "/./reconcile", "/%72econcile", "/RECONCILE");
  private static final String STREAM_EVENT = SampleEvents.text("dynamodb-stream.json");

  @Inject Engine engine;

  @TestHTTPResource("/")
  URL root;

  @Test
  @Order(1)
  void withoutTheTokenNothingRunsWhateverTheBodyOrSpelling() {
    for (String path : GUARDED) {
      given().contentType("application/json").body(STREAM_EVENT).post(path).then()
          .statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
          .body(containsString("DRIFTLESS_API_TOKEN"));
      given().contentType("application/json").header("Authorization", "Bearer " + TOKEN + "x")
          .body(STREAM_EVENT).post(path).then().statusCode(401).body(not(containsString(TOKEN)));
      given().contentType("application/json").header("Authorization", "Basic " + TOKEN)
          .body(STREAM_EVENT).post(path).then().statusCode(401);
      given().get(path + "?kustomization=flux-system/flux-system&cluster=prod").then().statusCode(405)
          .header("Allow", "POST");
    }
    given().contentType("application/json").body(new byte[4 * 1024 * 1024]).post("/reconcile").then()
        .statusCode(401); // refused before the body is read: not 413
    for (String path : SPELLINGS) {
      int status = given().urlEncodingEnabled(false).contentType("application/json").body(STREAM_EVENT)
          .post(path).then().extract().statusCode();
      assertThat(status).as("POST %s without the token", path).isIn(401, 404);
    }

    assertNothingRan();
  }

  @Test
  @Order(2)
  void aCrossSiteFormPostIsUnsupportedEvenWithTheToken() throws Exception {
    for (String path : GUARDED) {
      for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x", "application/jsonx", "text/plain; a=application/json")) {
        HttpResponse<String> response = post(path, type, STREAM_EVENT);
        assertThat(response.statusCode()).as("POST %s as %s", path, type).isEqualTo(415);
        assertThat(response.body()).contains("application/json");
      }
      assertThat(post(path, null, STREAM_EVENT).statusCode()).as("POST %s without a Content-Type", path).isEqualTo(415);
    }

    assertNothingRan();
  }

  /** A POST with the token, as raw as a browser's form would send it. */
  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(root.toURI().resolve(path))
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(3)
  void theTokenRunsTheFunction() {
    Response response = given().header("Authorization", "Bearer " + TOKEN)
        .contentType("application/json; charset=utf-8").body(STREAM_EVENT).post("/reconcile");

    response.then().statusCode(200).body("outcomes[0].ready", equalTo(true));
    assertThat(engine.store().pendingRequests()).as("the queued request ran").isEmpty();
    assertThat(configMap()).isNotNull();
  }

  @Test
  @Order(4)
  void theWebhookStaysOpenToItsSignatureAlone() {
    given().headers(SampleEvents.githubPushHeaders()).body(SampleEvents.githubPushBody()).post("/webhook")
        .then().statusCode(not(equalTo(415))).body(not(containsString("DRIFTLESS_API_TOKEN")));
    given().get("/webhook").then().statusCode(405);
  }

  private void assertNothingRan() {
    assertThat(engine.store().pendingRequests()).as("the queued request is still queued").hasSize(1);
    assertThat(configMap()).as("nothing applied").isNull();
  }

  private static Object configMap() {
    return ClusterFleet.sandbox.client().configMaps().inNamespace("default").withName(ClusterFleet.CONFIG_MAP).get();
  }
}
