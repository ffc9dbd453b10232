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
        new FunctionUrlEvent(null, null, Base64.getEncoder().encodeToString(body), true);

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

  @Test
  void anSqsMessageOrAStreamRecordNamesTheQueuedRequestAndTheIdToRetry() throws Exception {
    WorkEvent sqs = Yaml.json().readValue(SampleEvents.text("sqs-work.json"), WorkEvent.class);
    WorkEvent stream = Yaml.json().readValue(SampleEvents.text("dynamodb-stream.json"), WorkEvent.class);
    String request = "github:5a7d1a40-c7f6-11f0-8d3e-1f2a3b4c5d6e:root:fleet";

    assertThat(sqs.deliveries()).containsExactly(new WorkEvent.Delivery("0f9c7f3e-2b1d-4a51-9a55-6b1f0e7d2c11", request));
    assertThat(stream.deliveries()).containsExactly(new WorkEvent.Delivery("111100000000012345678901", request));
  }

  @Test
  void anSqsMessageNamesItsQueueByUrlAndNeverShowsItsReceiptHandle() throws Exception {
    WorkEvent sqs = Yaml.json().readValue(SampleEvents.text("sqs-work.json"), WorkEvent.class);
    WorkEvent stream = Yaml.json().readValue(SampleEvents.text("dynamodb-stream.json"), WorkEvent.class);

    assertThat(sqs.sqsMessages()).singleElement().satisfies(m -> {
      assertThat(m.receiptHandle()).isEqualTo("AQEBexample");
      assertThat(m.region()).isEqualTo("eu-west-1");
      assertThat(m.queueUrl()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/driftless-work");
      assertThat(m.toString()).isEqualTo("SQS message of queue driftless-work").doesNotContain("AQEB");
    });
    assertThat(stream.sqsMessages()).isEmpty();
    assertThat(new SqsMessage("arn:aws-cn:sqs:cn-north-1:123456789012:work", "h").queueUrl())
        .isEqualTo("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/work");
  }
}
