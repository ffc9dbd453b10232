package io.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Yaml;
import io.driftless.pipeline.ManualReconcile;
import io.driftless.trigger.WebhookSecretCheck;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The sample events in events/ read into the functions' input types as Lambda delivers them. */
class FunctionEventsTest {

  @Test
  void functionUrlEventKeepsTheExactBytesGitHubSigned() throws Exception {
    FunctionUrlEvent event = Yaml.json().readValue(SampleEvents.text("github-push.json"), FunctionUrlEvent.class);

    assertThat(event.headers()).containsEntry("x-github-event", "push");
    assertThat(WebhookSecretCheck.verify(
            SampleEvents.TEST_SECRET.getBytes(StandardCharsets.UTF_8),
            event.rawBody(),
            event.headers().get("x-hub-signature-256")))
        .isTrue();
  }

  @Test
  void base64EncodedBodyIsDecodedToTheSameBytes() {
    byte[] body = SampleEvents.githubPushBody();
    FunctionUrlEvent event =
        new FunctionUrlEvent(null, Base64.getEncoder().encodeToString(body), true);

    assertThat(event.rawBody()).isEqualTo(body);
  }

  @Test
  void eventBridgeScheduledEventGivesItsTime() throws Exception {
    ScheduledEvent event = Yaml.json().readValue(SampleEvents.text("schedule.json"), ScheduledEvent.class);

    assertThat(event.detailType()).isEqualTo("Scheduled Event");
    assertThat(event.timeOr(Instant.EPOCH)).isEqualTo(Instant.parse("2026-11-22T19:30:00Z"));
  }

  @Test
  void streamEventMeansDrainAndManualRequestNamesItsKustomization() throws Exception {
    ReconcileInput stream = Yaml.json().readValue(SampleEvents.text("dynamodb-stream.json"), ReconcileInput.class);
    ReconcileInput manual = Yaml.json().readValue(SampleEvents.text("reconcile.json"), ReconcileInput.class);

    assertThat(stream.isStreamEvent()).isTrue();
    assertThat(manual.isStreamEvent()).isFalse();
    assertThat(manual.command()).isEqualTo(new ManualReconcile("flux-system/apps", "prod", true));
  }
}
