package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.InventoryEntry;
import io.driftless.model.KustomizationStatus;
import io.driftless.pipeline.Engine;
import io.driftless.record.KustomizationRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Push to applied, through the HTTP function: a commit to a real repository, a signed webhook to
 * POST /webhook, the objects in the sandbox cluster, status and inventory in DynamoDB Local; then a
 * commit that removes an object, and it is pruned.
 */
@QuarkusTest
@WithTestResource(SandboxFleet.class)
class PushThroughHttpEndToEndTest {
  @Inject Engine engine;

  @Test
  void aSignedPushIsAppliedAndASecondCommitPrunes() throws Exception {
    String first = SandboxFleet.commit("demo");

    webhook(first);
    engine.awaitIdle();

    var kube = SandboxFleet.sandbox.client();
    assertThat(kube.apps().deployments().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
    assertThat(kube.services().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
    KustomizationStatus apps = status("flux-system/apps");
    assertThat(apps.isReady()).isTrue();
    assertThat(apps.getLastAppliedRevision()).isEqualTo("main@sha1:" + first);
    assertThat(apps.getInventory()).extracting(InventoryEntry::id).contains("podinfo_podinfo__Service");

    Path app = SandboxFleet.workTree().resolve("apps/podinfo");
    Files.delete(app.resolve("service.yaml"));
    Files.writeString(app.resolve("kustomization.yaml"),
        Files.readString(app.resolve("kustomization.yaml")).replace("  - service.yaml\n", ""));
    String second = SandboxFleet.commit("drop the service");

    webhook(second);
    engine.awaitIdle();

    assertThat(kube.services().inNamespace("podinfo").withName("podinfo").get()).isNull();
    assertThat(status("flux-system/apps").getLastAppliedRevision()).isEqualTo("main@sha1:" + second);
    assertThat(status("flux-system/apps").getInventory()).extracting(InventoryEntry::id)
        .doesNotContain("podinfo_podinfo__Service");
  }

  private KustomizationStatus status(String key) {
    return engine.store().getKustomization("demo", key).map(KustomizationRecord::status).orElseThrow();
  }

  private static void webhook(String commit) throws Exception {
    String body = """
        {"ref":"refs/heads/main","after":"%s","repository":{"clone_url":"%s","html_url":"%s"}}"""
        .formatted(commit, SandboxFleet.url, SandboxFleet.url);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SandboxFleet.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    given()
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", signature)
        .contentType("application/json")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/webhook")
        .then()
        .statusCode(202);
  }
}
