package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ManualReconcile;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReceiverRecord;
import io.driftless.trigger.ReceiverHandler;
import io.driftless.trigger.WebhookSecretCheck;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Flux Receiver committed to Git, its token in a Secret on the cluster, as a Flux user has it:
 * Driftless records it under Flux's webhook path, and a signed POST to that path over HTTP reconciles
 * the Kustomization it lists; an unsigned or wrongly signed one does nothing.
 */
@QuarkusTest
@WithTestResource(SandboxFleet.class)
class ReceiverThroughHttpTest {
  private static final String TOKEN = "flux-receiver-token";
  private static final byte[] NOT_JSON = "{\"ref\": oops".getBytes(StandardCharsets.UTF_8);

  @Inject Engine engine;

  @Test
  void aReceiverFromGitListensOnFluxsPathAndTriggersOnlyWithAValidSignature() throws Exception {
    var kube = SandboxFleet.sandbox.client();
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata().build())
        .createOr(existing -> existing.update());
    kube.secrets().inNamespace("flux-system").resource(new SecretBuilder().withNewMetadata()
        .withName("receiver-token").endMetadata().addToStringData("token", TOKEN).build()).createOr(s -> s.update());
    Files.writeString(SandboxFleet.workTree().resolve("clusters/demo/receiver.yaml"), """
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata:
          name: github-receiver
          namespace: flux-system
        spec:
          type: github
          events: ["ping", "push"]
          secretRef:
            name: receiver-token
          resources:
            - kind: Kustomization
              name: apps
        """);
    SandboxFleet.commit("a Flux Receiver");
    engine.reconcile(new ManualReconcile(null, "demo", true));

    String digest = ReceiverHandler.digest(TOKEN.getBytes(StandardCharsets.UTF_8), "github-receiver", "flux-system");
    assertThat(engine.store().listReceivers()).extracting(ReceiverRecord::key, ReceiverRecord::webhookPath)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Receiver/flux-system/github-receiver", "/hook/" + digest));
    assertThat(engine.store().listReceivers().toString()).doesNotContain(TOKEN);
    String parent = engine.store().listReceivers().get(0).parent();
    assertThat(engine.store().getKustomization("demo", parent).orElseThrow().status().isReady())
        .as("the Receiver is recorded, not applied (the cluster has no Receiver CRD)").isTrue();

    long before = apps().version();
    given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", WebhookSecretCheck.sign("not the token".getBytes(StandardCharsets.UTF_8), NOT_JSON))
        .contentType("application/json").body(NOT_JSON)
        .post("/hook/" + digest).then().statusCode(400).body(containsString("signature"));
    given().header("X-GitHub-Event", "push").contentType("application/json").body(NOT_JSON)
        .post("/hook/" + "0".repeat(64)).then().statusCode(404);
    given().header("X-GitHub-Event", "push").contentType("application/json")
        .body(new byte[3 * 1024 * 1024 + 1]).post("/hook/" + digest).then().statusCode(413);
    engine.awaitIdle();
    assertThat(apps().version()).as("nothing reconciled for refused requests").isEqualTo(before);

    given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", WebhookSecretCheck.sign(TOKEN.getBytes(StandardCharsets.UTF_8), NOT_JSON))
        .contentType("application/json").body(NOT_JSON)
        .post("/hook/" + digest).then().statusCode(200).body(containsString("kustomization flux-system/apps"));
    engine.awaitIdle();

    assertThat(apps().version()).as("Kustomization flux-system/apps reconciled").isGreaterThan(before);

    Files.delete(SandboxFleet.workTree().resolve("clusters/demo/receiver.yaml"));
    SandboxFleet.commit("remove the Receiver");
    engine.reconcile(new ManualReconcile(null, "demo", true));

    assertThat(engine.store().listReceivers()).as("a Receiver that left Git is forgotten").isEmpty();
    given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", WebhookSecretCheck.sign(TOKEN.getBytes(StandardCharsets.UTF_8), NOT_JSON))
        .contentType("application/json").body(NOT_JSON).post("/hook/" + digest).then().statusCode(404);
  }

  private KustomizationRecord apps() {
    return engine.store().getKustomization("demo", "flux-system/apps").orElseThrow();
  }
}
