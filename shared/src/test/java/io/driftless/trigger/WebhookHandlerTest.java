package io.driftless.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.LocalSecretResolver;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A GitHub push reaches a reconcile only when it is signed with the root's secret and new. */
class WebhookHandlerTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final String REGISTERED = "git@github.com:acme/fleet.git";

  private final List<ReconcileRequest> dispatched = new ArrayList<>();
  private StateStore store;
  private WebhookHandler handler;

  @BeforeEach
  void registerRoot() {
    store = TestStores.inMemory();
    store.putRoot(
        new RootRecord("fleet", REGISTERED, "main", "clusters/prod", "prod", "env:HOOK_SECRET", null));
    LocalSecretResolver secrets = new LocalSecretResolver(Map.of("HOOK_SECRET", SECRET), null);
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T19:30:00Z"), ZoneOffset.UTC);
    handler = new WebhookHandler(store, secrets, dispatched::add, clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void validSignedPushIsAcceptedAndQueuesOneReconcileOfTheRoot() {
    WebhookResponse response = handler.handle(signed("push", "d-1", push("https://github.com/acme/fleet.git"), SECRET));

    assertThat(response.status()).isEqualTo(202);
    assertThat(dispatched).singleElement().satisfies(request -> {
      assertThat(request.kind()).isEqualTo(ReconcileRequest.KIND_ROOT);
      assertThat(request.target()).isEqualTo("fleet");
      assertThat(request.cluster()).isEqualTo("prod");
    });
    assertThat(store.pendingRequests()).extracting(ReconcileRequest::id)
        .containsExactly(dispatched.get(0).id());
  }

  @Test
  void pushSignedWithAnotherSecretIsUnauthorized() {
    WebhookResponse response = handler.handle(signed("push", "d-2", push("https://github.com/acme/fleet"), "not the secret"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.message()).doesNotContain(SECRET);
    assertNothingTriggered();
  }

  @Test
  void pushWithoutSignatureHeaderIsUnauthorized() {
    Map<String, String> headers = headers("push", "d-3");
    WebhookResponse response = handler.handle(new WebhookRequest(headers, push("https://github.com/acme/fleet.git")));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.message()).contains("X-Hub-Signature-256");
    assertNothingTriggered();
  }

  @Test
  void bodyChangedByOneByteAfterSigningIsUnauthorized() {
    byte[] body = push("https://github.com/acme/fleet.git");
    Map<String, String> headers = headers("push", "d-4");
    headers.put("X-Hub-Signature-256", WebhookSecretCheck.sign(bytes(SECRET), body));
    byte[] tampered = body.clone();
    int at = new String(body, StandardCharsets.UTF_8).indexOf("0000000000000000000000000000000000000001");
    tampered[at] = '9';

    WebhookResponse response = handler.handle(new WebhookRequest(headers, tampered));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.message())
        .isEqualTo(handler.handle(signed("push", "d-4b", push("https://github.com/acme/fleet"), "wrong")).message());
    assertNothingTriggered();
  }

  @Test
  void replayedDeliveryIdIsRejectedAndTriggersOnlyOnce() {
    WebhookRequest delivery = signed("push", "d-5", push("https://github.com/acme/fleet.git"), SECRET);
    assertThat(handler.handle(delivery).status()).isEqualTo(202);

    WebhookResponse replay = handler.handle(delivery);

    assertThat(replay.status()).isEqualTo(409);
    assertThat(dispatched).hasSize(1);
    assertThat(store.pendingRequests()).hasSize(1);
  }

  @Test
  void pushForARepositoryNobodyRegisteredIsNotFound() {
    WebhookResponse response = handler.handle(signed("push", "d-6", push("https://github.com/acme/other.git"), SECRET));

    assertThat(response.status()).isEqualTo(404);
    assertNothingTriggered();
  }

  @Test
  void signedPingIsAnsweredWithPongAndTriggersNothing() {
    byte[] ping = """
        {"zen":"Keep it logically awesome.","hook_id":1,
         "repository":{"full_name":"acme/fleet","clone_url":"https://github.com/acme/fleet.git"}}
        """.getBytes(StandardCharsets.UTF_8);

    WebhookResponse response = handler.handle(signed("ping", "d-7", ping, SECRET));

    assertThat(response).isEqualTo(new WebhookResponse(200, "pong"));
    assertNothingTriggered();
  }

  @Test
  void bodyThatWouldNotParseIsRefusedForItsSignatureBeforeAnyParsing() {
    byte[] notJson = "{\"ref\": refs/heads/main, oops".getBytes(StandardCharsets.UTF_8);

    WebhookResponse wrong = handler.handle(signed("push", "d-8", notJson, "not the secret"));
    WebhookResponse right = handler.handle(signed("push", "d-9", notJson, SECRET));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.message()).contains("signature");
    assertThat(right.status()).isEqualTo(400);
    assertNothingTriggered();
  }

  @Test
  void eachRootIsProvedByItsOwnSecretOnly() {
    store.putRoot(new RootRecord("apps", "https://github.com/acme/apps.git", "main", "apps", "prod",
        "env:APPS_SECRET", null));
    LocalSecretResolver secrets = new LocalSecretResolver(Map.of("HOOK_SECRET", SECRET, "APPS_SECRET", "apps"), null);
    handler = new WebhookHandler(store, secrets, dispatched::add, Clock.systemUTC());

    WebhookResponse crossSigned = handler.handle(signed("push", "d-10", push("https://github.com/acme/apps.git"), SECRET));
    WebhookResponse ownSigned = handler.handle(signed("push", "d-11", push("https://github.com/acme/apps.git"), "apps"));

    assertThat(crossSigned.status()).isEqualTo(404);
    assertThat(ownSigned.status()).isEqualTo(202);
    assertThat(dispatched).singleElement().satisfies(r -> assertThat(r.target()).isEqualTo("apps"));
  }

  private void assertNothingTriggered() {
    assertThat(dispatched).isEmpty();
    assertThat(store.pendingRequests()).isEmpty();
  }

  private static WebhookRequest signed(String event, String delivery, byte[] body, String secret) {
    Map<String, String> headers = headers(event, delivery);
    headers.put("X-Hub-Signature-256", WebhookSecretCheck.sign(bytes(secret), body));
    return new WebhookRequest(headers, body);
  }

  private static Map<String, String> headers(String event, String delivery) {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", delivery);
    headers.put("Content-Type", "application/json");
    return headers;
  }

  private static byte[] push(String cloneUrl) {
    return """
        {"ref":"refs/heads/main","before":"0000000000000000000000000000000000000000",
         "after":"0000000000000000000000000000000000000001",
         "repository":{"full_name":"acme/fleet","clone_url":"%s"},
         "pusher":{"name":"octocat"}}
        """.formatted(cloneUrl).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
