package io.driftless.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.Tenancy;
import io.driftless.record.ReceiverRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.StateStore;
import io.driftless.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Flux Receiver's {@code /hook/<digest>} triggers its resources only for a request that proves the
 * token its type's way, and it checks the proof before it looks at the body.
 */
class ReceiverHandlerTest {
  private static final String TOKEN = "receiver-token";
  private static final byte[] PUSH = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_JSON = "{\"ref\": refs/heads/main, oops".getBytes(StandardCharsets.UTF_8);

  private final List<ReconcileRequest> dispatched = new ArrayList<>();
  private StateStore store;
  private ReceiverHandler handler;

  @BeforeEach
  void recordWorkItems() {
    store = TestStores.inMemory();
    store.putKustomization("prod", "flux-system/apps", "fleet", "flux-system/flux-system", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system, labels: {tier: apps}}
        spec: {interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        """);
    store.putKustomization("prod", "flux-system/infra", "fleet", "flux-system/flux-system", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: infra, namespace: flux-system, labels: {tier: infra}}
        spec: {interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        """);
    handler = new ReceiverHandler(store, (record, receiver) -> TOKEN.getBytes(StandardCharsets.UTF_8),
        dispatched::add, Clock.systemUTC());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void githubPushSignedWithTheTokenTriggersTheListedKustomization() {
    String digest = receiver("github-receiver", "github", "events: [push]", "{kind: Kustomization, name: apps}");

    WebhookResponse response = handler.handle(digest, request(PUSH, "X-GitHub-Event", "push",
        "X-GitHub-Delivery", "d-1", "X-Hub-Signature-256", WebhookSecretCheck.sign(bytes(TOKEN), PUSH)));

    assertThat(response.status()).isEqualTo(200);
    assertThat(dispatched).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(ReconcileRequest.KIND_KUSTOMIZATION);
      assertThat(r.target()).isEqualTo("flux-system/apps");
      assertThat(r.cluster()).isEqualTo("prod");
    });
    assertThat(store.pendingRequests()).extracting(ReconcileRequest::id).containsExactly(dispatched.get(0).id());
  }

  @Test
  void wrongMissingAndMalformedSignaturesAreRefusedAndTriggerNothing() {
    String digest = receiver("github-receiver", "github", "", "{kind: Kustomization, name: apps}");

    WebhookResponse wrong = handler.handle(digest, request(PUSH, "X-GitHub-Event", "push",
        "X-Hub-Signature-256", WebhookSecretCheck.sign(bytes("not the token"), PUSH)));
    WebhookResponse missing = handler.handle(digest, request(PUSH, "X-GitHub-Event", "push"));
    WebhookResponse malformed = handler.handle(digest, request(PUSH, "X-GitHub-Event", "push",
        "X-Hub-Signature-256", "sha256=not-hex"));
    WebhookResponse unknownAlgorithm = handler.handle(digest, request(PUSH, "X-GitHub-Event", "push",
        "X-Hub-Signature-256", "md5=00"));

    for (WebhookResponse r : List.of(wrong, missing, malformed, unknownAlgorithm)) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.message()).contains("signature").doesNotContain(TOKEN);
    }
    assertNothingTriggered();
  }

  @Test
  void sha1SignatureIsTheFallbackWhenNoSha256HeaderIsSent() {
    String digest = receiver("github-receiver", "github", "", "{kind: Kustomization, name: apps}");
    String sha1 = "sha1=" + java.util.HexFormat.of().formatHex(hmac("HmacSHA1", TOKEN, PUSH));

    WebhookResponse response = handler.handle(digest, request(PUSH, "X-GitHub-Event", "push", "X-Hub-Signature", sha1));

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void replayedDeliveryIdTriggersOnlyOnce() {
    String digest = receiver("github-receiver", "github", "", "{kind: Kustomization, name: apps}");
    WebhookRequest delivery = request(PUSH, "X-GitHub-Event", "push", "X-GitHub-Delivery", "d-2",
        "X-Hub-Signature-256", WebhookSecretCheck.sign(bytes(TOKEN), PUSH));

    assertThat(handler.handle(digest, delivery).status()).isEqualTo(200);
    WebhookResponse replay = handler.handle(digest, delivery);

    assertThat(replay.status()).isEqualTo(409);
    assertThat(dispatched).hasSize(1);
  }

  @Test
  void aCapturedSignedBodyResentUnderAFreshDeliveryIdTriggersOnlyOnce() {
    String github = receiver("github-receiver", "github", "", "{kind: Kustomization, name: apps}");
    String hmac = receiver("hmac", "generic-hmac", "", "{kind: Kustomization, name: infra}");
    String signature = WebhookSecretCheck.sign(bytes(TOKEN), PUSH);

    WebhookResponse first = handler.handle(github, request(PUSH, "X-GitHub-Event", "push", "X-GitHub-Delivery", "d-3",
        "X-Hub-Signature-256", signature));
    WebhookResponse replay = handler.handle(github, request(PUSH, "X-GitHub-Event", "push", "X-GitHub-Delivery", "d-4",
        "X-Hub-Signature-256", signature));
    WebhookResponse hmacFirst = handler.handle(hmac, request(PUSH, "X-Signature", signature));
    WebhookResponse hmacReplay = handler.handle(hmac, request(PUSH, "X-Signature", signature));

    assertThat(first.status()).isEqualTo(200);
    assertThat(hmacFirst.status()).isEqualTo(200);
    for (WebhookResponse r : List.of(replay, hmacReplay)) {
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.message()).contains("this signed body was already received").doesNotContain(TOKEN);
    }
    assertThat(dispatched).extracting(ReconcileRequest::target).containsExactly("flux-system/apps", "flux-system/infra");
  }

  @Test
  void aGenericReceiverCalledTwiceWithTheSameEmptyBodyTriggersTwice() {
    String digest = receiver("plain", "generic", "", "{kind: Kustomization, name: apps}");

    assertThat(handler.handle(digest, request(new byte[0])).status()).isEqualTo(200);
    assertThat(handler.handle(digest, request(new byte[0])).status()).isEqualTo(200);

    assertThat(dispatched).hasSize(2);
  }

  @Test
  void bodyOverThreeMebibytesIsRefused() {
    String digest = receiver("generic", "generic", "", "{kind: Kustomization, name: apps}");
    byte[] big = new byte[WebhookHandler.MAX_BODY_BYTES + 1];

    WebhookResponse response = handler.handle(digest, request(big));

    assertThat(response.status()).isEqualTo(413);
    assertNothingTriggered();
  }

  @Test
  void aBodyThatWouldNotParseIsRefusedForItsSignatureFirst() {
    String digest = receiver("nexus", "nexus", "", "{kind: Kustomization, name: apps}");
    String wrongSignature = java.util.HexFormat.of().formatHex(hmac("HmacSHA1", "not the token", NOT_JSON));
    String rightSignature = java.util.HexFormat.of().formatHex(hmac("HmacSHA1", TOKEN, NOT_JSON));

    WebhookResponse wrong = handler.handle(digest, request(NOT_JSON, "X-Nexus-Webhook-Signature", wrongSignature));
    WebhookResponse right = handler.handle(digest, request(NOT_JSON, "X-Nexus-Webhook-Signature", rightSignature));

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.message()).contains("signature").doesNotContain("JSON");
    assertThat(right.status()).isEqualTo(400);
    assertThat(right.message()).contains("not a JSON object");
    assertNothingTriggered();
  }

  @Test
  void unknownDigestIsNotFoundAndSuspendedReceiverIsUnavailable() {
    String suspended = receiver("paused", "generic", "suspend: true", "{kind: Kustomization, name: apps}");

    assertThat(handler.handle("0".repeat(64), request(PUSH)).status()).isEqualTo(404);
    assertThat(handler.handle("../../etc", request(PUSH)).status()).isEqualTo(404);
    assertThat(handler.handle(suspended, request(PUSH)).status()).isEqualTo(503);
    assertNothingTriggered();
  }

  @Test
  void gitlabComparesItsTokenHeaderAndFiltersByEvent() {
    String digest = receiver("gitlab", "gitlab", "events: [Push Hook]", "{kind: Kustomization, name: apps}");

    WebhookResponse wrongToken = handler.handle(digest, request(PUSH, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "nope"));
    WebhookResponse otherEvent = handler.handle(digest, request(PUSH, "X-Gitlab-Event", "Note Hook", "X-Gitlab-Token", TOKEN));
    WebhookResponse push = handler.handle(digest, request(PUSH, "X-Gitlab-Event", "push hook", "X-Gitlab-Token", TOKEN));

    assertThat(wrongToken.status()).isEqualTo(400);
    assertThat(otherEvent.status()).isEqualTo(400);
    assertThat(otherEvent.message()).contains("Note Hook");
    assertThat(push.status()).isEqualTo(200);
    assertThat(dispatched).hasSize(1);
  }

  @Test
  void genericHmacWithSha512AndAWildcardTriggersEveryMatchingKustomization() {
    String digest = receiver("hmac", "generic-hmac", "",
        "{kind: Kustomization, name: '*', matchLabels: {tier: infra}}");
    String signature = "sha512=" + java.util.HexFormat.of().formatHex(hmac("HmacSHA512", TOKEN, PUSH));

    WebhookResponse response = handler.handle(digest, request(PUSH, "X-Signature", signature));

    assertThat(response.status()).isEqualTo(200);
    assertThat(dispatched).extracting(ReconcileRequest::target).containsExactly("flux-system/infra");
  }

  @Test
  void cdeventsBodyMustHaveACdEventsShape() {
    String digest = receiver("cd", "cdevents", "", "{kind: Kustomization, name: apps}");
    byte[] event = """
        {"context":{"version":"0.4.1","id":"e-1","source":"/ci","type":"dev.cdevents.artifact.published.0.2.0",
         "timestamp":"2026-12-01T10:00:00Z"},"subject":{"id":"pkg:oci/app","content":{}}}"""
        .getBytes(StandardCharsets.UTF_8);
    byte[] notAnEvent = "{\"context\":{\"id\":\"e-2\"}}".getBytes(StandardCharsets.UTF_8);

    assertThat(handler.handle(digest, request(notAnEvent, "Ce-Type", "x")).status()).isEqualTo(400);
    assertThat(handler.handle(digest, request(event, "Ce-Type", "dev.cdevents.artifact.published.0.2.0", "Ce-Id", "e-1"))
        .status()).isEqualTo(200);
    assertThat(dispatched).hasSize(1);
  }

  @Test
  void aNamedResourceThatIsNotRecordedIsATriggerFailure() {
    String digest = receiver("missing", "generic", "", "{kind: Kustomization, name: nowhere}");

    WebhookResponse response = handler.handle(digest, request(PUSH));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.message()).contains("Kustomization/flux-system/nowhere");
  }

  /** Records a Receiver as the pipeline would, returning its digest. */
  @Test
  void withTheLockdownATenantsReceiverCannotTriggerAnotherNamespace() {
    ReceiverHandler locked = new ReceiverHandler(store, (record, receiver) -> TOKEN.getBytes(StandardCharsets.UTF_8),
        dispatched::add, Clock.systemUTC(), Tenancy.OPEN.withNoCrossNamespaceRefs(true));
    String digest = ReceiverHandler.digest(bytes(TOKEN), "hook", "team-a");
    store.putKustomization("prod", "team-a/apps", "fleet", "flux-system/tenants", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: team-a}
        spec: {interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        """);
    store.putReceiver(new ReceiverRecord(digest, "prod", "Receiver/team-a/hook", "fleet", "team-a/apps", """
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata: {name: hook, namespace: team-a}
        spec:
          type: generic
          secretRef: {name: webhook-token}
          resources:
            - {kind: Kustomization, name: apps, namespace: team-a}
            - {kind: Kustomization, name: '*', namespace: flux-system, matchLabels: {tier: infra}}
        """));

    WebhookResponse response = locked.handle(digest, request(PUSH));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.message()).isEqualTo("Receiver/team-a/hook: spec.resources[1].namespace: can't access"
        + " 'Kustomization/flux-system/*', cross-namespace references have been blocked");
    assertNothingTriggered();
    assertThat(handler.handle(digest, request(PUSH)).status()).as("without the lockdown, as before").isEqualTo(200);
  }

  private String receiver(String name, String type, String extraSpec, String resource) {
    String digest = ReceiverHandler.digest(bytes(TOKEN), name, "flux-system");
    store.putReceiver(new ReceiverRecord(digest, "prod", "Receiver/flux-system/" + name, "fleet",
        "flux-system/flux-system", """
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata: {name: %s, namespace: flux-system}
        spec:
          type: %s
          secretRef: {name: webhook-token}
          resources: [%s]
          %s
        """.formatted(name, type, resource, extraSpec)));
    return digest;
  }

  private void assertNothingTriggered() {
    assertThat(dispatched).isEmpty();
    assertThat(store.pendingRequests()).isEmpty();
  }

  private static WebhookRequest request(byte[] body, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return new WebhookRequest(map, body);
  }

  private static byte[] hmac(String algorithm, String key, byte[] body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
      mac.init(new javax.crypto.spec.SecretKeySpec(bytes(key), algorithm));
      return mac.doFinal(body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
