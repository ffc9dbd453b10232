package io.driftless.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gitea and GitLab deliveries are recognised, proven and read as GitHub's are. */
class GitHostDeliveriesTest {
  private static final byte[] SECRET = "s3cr3t".getBytes(StandardCharsets.UTF_8);

  @Test
  void giteaPushSignedInXGiteaSignatureIsProvenAndParsed() {
    byte[] body = """
        {"ref":"refs/heads/main","after":"9a8b","repository":{
         "clone_url":"https://gitea.local/acme/fleet.git","ssh_url":"git@gitea.local:acme/fleet.git"}}
        """.getBytes(StandardCharsets.UTF_8);
    String hex = WebhookSecretCheck.sign(SECRET, body).substring("sha256=".length());
    WebhookRequest request = new WebhookRequest(Map.of(
        "X-GitHub-Event", "push", "X-Gitea-Event", "push", "X-Gitea-Delivery", "g-1",
        "X-Gitea-Signature", hex), body);

    WebhookProvider provider = WebhookProvider.detect(request).orElseThrow();
    PushEvent push = PushPayloads.parse(provider, provider.deliveryId(request), body);

    assertThat(provider).isEqualTo(WebhookProvider.GITEA);
    assertThat(provider.verify(request, SECRET)).isTrue();
    assertThat(provider.verify(request, "other".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(push.cloneUrls())
        .containsExactly("https://gitea.local/acme/fleet.git", "git@gitea.local:acme/fleet.git");
    assertThat(push.branch()).isEqualTo("main");
    assertThat(push.deliveryId()).isEqualTo("g-1");
  }

  @Test
  void gitlabPushHookIsProvenByItsTokenAndReadFromProject() {
    byte[] body = """
        {"object_kind":"push","ref":"refs/heads/main","after":"7c6d","project":{
         "git_http_url":"https://gitlab.com/acme/fleet.git","git_ssh_url":"git@gitlab.com:acme/fleet.git",
         "web_url":"https://gitlab.com/acme/fleet"}}
        """.getBytes(StandardCharsets.UTF_8);
    WebhookRequest request = new WebhookRequest(Map.of(
        "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "s3cr3t", "X-Gitlab-Event-UUID", "l-1"), body);

    WebhookProvider provider = WebhookProvider.detect(request).orElseThrow();

    assertThat(provider).isEqualTo(WebhookProvider.GITLAB);
    assertThat(provider.eventType(request)).isEqualTo(WebhookProvider.PUSH);
    assertThat(provider.verify(request, SECRET)).isTrue();
    assertThat(provider.verify(request, "s3cr3".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(PushPayloads.parse(provider, "l-1", body).repositoryUrl())
        .isEqualTo("https://gitlab.com/acme/fleet.git");
  }

  @Test
  void formEncodedGithubPushIsReadFromItsPayloadField() {
    String json = "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"https://github.com/acme/fleet.git\"}}";
    byte[] form = ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);

    PushEvent push = PushPayloads.parse(
        WebhookProvider.GITHUB, "f-1", "application/x-www-form-urlencoded", form);

    assertThat(push.repositoryUrl()).isEqualTo("https://github.com/acme/fleet.git");
    assertThat(push.branch()).isEqualTo("main");
  }

  @Test
  void malformedSignatureHexIsRejectedNotThrown() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSecretCheck.verify(SECRET, body, "sha256=zz")).isFalse();
    assertThat(WebhookSecretCheck.verify(SECRET, body, "sha1=" + HexFormat.of().formatHex(new byte[20])))
        .isFalse();
    assertThat(WebhookSecretCheck.verify(SECRET, body, WebhookSecretCheck.sign(SECRET, body))).isTrue();
  }
}
