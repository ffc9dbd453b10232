package io.driftless.notify;

import static io.driftless.event.Event.Severity.ERROR;
import static io.driftless.event.Event.Severity.INFO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.model.Yaml;
import io.driftless.record.StateStore;
import io.driftless.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each chat Provider type receives, as their documented webhook shapes: Slack's attachments,
 * Discord's Slack-compatible endpoint, Teams' Adaptive Card, Alertmanager's alert list, Telegram's
 * sendMessage, Google Chat's card.
 */
class ChatPayloadsTest {
  private static StateStore store;
  private static RecordingReceiver receiver;
  private static int clusters;

  @BeforeAll
  static void start() throws Exception {
    store = TestStores.inMemory();
    receiver = new RecordingReceiver();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    store.close();
  }

  /** Sends one error event through a Provider of {@code type} on a cluster of its own; the request it made. */
  private static RecordingReceiver.Request deliver(String providerSpec, Map<String, String> secret) {
    return deliver(providerSpec, secret, "Kustomization", "\"*\"",
        TestEvents.kustomization("flux-system", "apps", ERROR, "HealthCheckFailed", "health check failed\nafter 5m"));
  }

  private static RecordingReceiver.Request deliver(String providerSpec, Map<String, String> secret, String kind,
      String name, io.driftless.event.Event e) {
    String cluster = "c" + (++clusters);
    store.putNotification(cluster, "Provider/flux-system/p", "fleet", "flux-system/flux-system",
        "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata: {name: p, namespace: flux-system}\n"
            + "spec:\n" + providerSpec);
    store.putNotification(cluster, "Alert/flux-system/a", "fleet", "flux-system/flux-system",
        "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata: {name: a, namespace: flux-system}\n"
            + "spec:\n  providerRef: {name: p}\n  eventSources: [{kind: " + kind + ", name: " + name + "}]\n");
    ProviderSecrets secrets = (c, ns, n) -> secret.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, v -> v.getValue().getBytes(StandardCharsets.UTF_8)));
    int before = receiver.requests().size();
    new AlertRouter(store, secrets, new TestEvents.MovableClock(), AlertRouter.Options.defaults().withAddresses(AddressPolicy.of(true)).withBackoff(Duration.ZERO))
        .emit(new io.driftless.event.Event(e.timestamp(), e.involvedObject(), cluster, e.severity(), e.reason(), e.message(),
            e.metadata(), e.reportingController()));
    assertThat(receiver.requests()).hasSize(before + 1);
    return receiver.requests().get(before);
  }

  private static JsonNode json(RecordingReceiver.Request r) throws Exception {
    return Yaml.json().readTree(r.body());
  }

  @Test
  void slackGetsOneAttachmentAuthoredByTheObject() throws Exception {
    var got = deliver("  type: slack\n  channel: \"#flux\"\n  secretRef: {name: s}\n",
        Map.of("address", receiver.url("/services/T000/B000/XXX")));

    JsonNode body = json(got);
    assertThat(got.path()).isEqualTo("/services/T000/B000/XXX");
    assertThat(body.get("channel").asText()).isEqualTo("#flux");
    assertThat(body.get("username").asText()).isEqualTo("kustomize-controller");
    JsonNode a = body.at("/attachments/0");
    assertThat(a.get("color").asText()).isEqualTo("danger");
    assertThat(a.get("author_name").asText()).isEqualTo("kustomization/apps.flux-system");
    assertThat(a.get("fallback").asText()).isEqualTo("kustomization/apps.flux-system: health check failed");
    assertThat(a.get("text").asText()).isEqualTo("health check failed\nafter 5m");
    assertThat(a.get("mrkdwn_in").get(0).asText()).isEqualTo("text");
    assertThat(a.get("fields")).anySatisfy(f -> {
      assertThat(f.get("title").asText()).isEqualTo("revision");
      assertThat(f.get("value").asText()).isEqualTo(TestEvents.REVISION);
      assertThat(f.get("short").asBoolean()).isFalse();
    });
  }

  @Test
  void discordGetsTheSlackShapeOnItsSlackCompatibleEndpoint() throws Exception {
    var got = deliver("  type: discord\n  username: flux\n  address: " + receiver.url("/api/webhooks/123/abc") + "\n", Map.of());

    JsonNode body = json(got);
    assertThat(got.path()).isEqualTo("/api/webhooks/123/abc/slack");
    assertThat(body.get("username").asText()).isEqualTo("flux");
    assertThat(body.at("/attachments/0/author_name").asText()).isEqualTo("kustomization/apps.flux-system");
    assertThat(body.at("/attachments/0/color").asText()).isEqualTo("danger");
  }

  @Test
  void teamsGetsAnAdaptiveCard() throws Exception {
    JsonNode body = json(deliver("  type: msteams\n  address: " + receiver.url("/workflows/x") + "\n", Map.of()));

    assertThat(body.get("type").asText()).isEqualTo("message");
    JsonNode content = body.at("/attachments/0/content");
    assertThat(content.get("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(content.at("/body/0/items/0/text").asText()).isEqualTo("kustomization/apps.flux-system");
    assertThat(content.at("/body/0/items/1/color").asText()).isEqualTo("attention");
  }

  @Test
  void alertmanagerGetsAFiringAlertLabelledWithTheObject() throws Exception {
    JsonNode alert = json(deliver("  type: alertmanager\n  address: " + receiver.url("/api/v2/alerts") + "\n", Map.of())).get(0);

    assertThat(alert.get("status").asText()).isEqualTo("firing");
    assertThat(alert.at("/labels/alertname").asText()).isEqualTo("FluxKustomizationHealthcheckfailed");
    assertThat(alert.at("/labels/severity").asText()).isEqualTo("error");
    assertThat(alert.at("/labels/name").asText()).isEqualTo("apps");
    assertThat(alert.at("/annotations/message").asText()).isEqualTo("health check failed\nafter 5m");
    assertThat(alert.get("startsAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
  }

  @Test
  void telegramGetsSendMessageWithMarkdownV2() throws Exception {
    var got = deliver("  type: telegram\n  channel: \"-1001:7\"\n  address: " + receiver.url("") + "\n  secretRef: {name: t}\n",
        Map.of("token", "123:ABC"));

    assertThat(got.path()).isEqualTo("/bot123:ABC/sendMessage");
    JsonNode body = json(got);
    assertThat(body.get("chat_id").asText()).isEqualTo("-1001");
    assertThat(body.get("message_thread_id").asText()).isEqualTo("7");
    assertThat(body.get("parse_mode").asText()).isEqualTo("MarkdownV2");
    assertThat(body.get("text").asText()).startsWith("*🚨 kustomization/apps/flux\\-system*\n");
  }

  @Test
  void googleChatGetsACard() throws Exception {
    JsonNode card = json(deliver("  type: googlechat\n  address: " + receiver.url("/v1/spaces/x") + "\n", Map.of()))
        .at("/cards/0");

    assertThat(card.at("/header/title").asText()).isEqualTo("kustomization/apps.flux-system");
    assertThat(card.at("/sections/0/widgets/0/textParagraph/text").asText())
        .isEqualTo("<font color=\"#ff0000\">health check failed\nafter 5m</font>");
    assertThat(card.at("/sections/1/widgets/0/keyValue/topLabel").asText()).isEqualTo("cluster");
  }

  @Test
  void anInfoEventIsGoodOnSlack() throws Exception {
    var got = deliver("  type: slack\n  address: " + receiver.url("/info") + "\n", Map.of(), "HelmRelease", "podinfo",
        TestEvents.helmRelease("flux-system", "podinfo", INFO, "UpgradeSucceeded", "Helm upgrade succeeded"));

    JsonNode body = json(got);
    assertThat(body.at("/attachments/0/color").asText()).isEqualTo("good");
    assertThat(body.get("username").asText()).isEqualTo("helm-controller");
  }
}
