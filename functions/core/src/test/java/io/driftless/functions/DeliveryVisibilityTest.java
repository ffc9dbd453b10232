package io.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A live work invocation keeps its SQS message hidden for 30 s spans renewed every 10 s, and stops
 * when its delivery ends; time is the test's own schedule, fired by hand.
 */
class DeliveryVisibilityTest {
  private static final SqsMessage MESSAGE =
      new SqsMessage("arn:aws:sqs:eu-west-1:123456789012:driftless-work", "AQEBsecret-handle");

  private final RecordingVisibility sqs = new RecordingVisibility();
  private final HandTimedSchedule schedule = new HandTimedSchedule();
  private final DeliveryVisibility visibility = new DeliveryVisibility(sqs, schedule);
  private LogLines log;

  @BeforeEach
  void listen() {
    log = new LogLines(DeliveryVisibility.class);
  }

  @AfterEach
  void stopListening() {
    log.close();
  }

  @Test
  void aDeliveryHidesItsMessageFor30SecondsAtOnceAndRenewsThatEvery10WhileItRuns() {
    try (DeliveryVisibility.Kept kept = visibility.keep(List.of(MESSAGE))) {
      assertThat(sqs.changes).containsExactly("driftless-work 30s");
      assertThat(schedule.period).isEqualTo(Duration.ofSeconds(10));

      schedule.fire();
      schedule.fire();
      assertThat(sqs.changes).containsExactly("driftless-work 30s", "driftless-work 30s", "driftless-work 30s");
    }
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void noRenewalIsSentOnceTheDeliveryHasEnded() {
    DeliveryVisibility.Kept kept = visibility.keep(List.of(MESSAGE));
    schedule.fire();
    kept.close();

    assertThat(schedule.cancelled).isTrue();
    schedule.beat.run(); // a beat that was already due when the delivery ended
    assertThat(sqs.changes).hasSize(2);
  }

  @Test
  void aRefusedChangeIsLoggedOnceWithoutTheReceiptHandleAndTheWorkGoesOn() {
    sqs.refuse = true;
    String result;
    try (DeliveryVisibility.Kept kept = visibility.keep(List.of(MESSAGE))) {
      schedule.fire();
      schedule.fire();
      result = "work done";
    }

    assertThat(result).isEqualTo("work done");
    assertThat(sqs.attempts).isEqualTo(3); // still tried at each beat: a passing failure heals
    assertThat(log.lines()).singleElement().satisfies(w -> assertThat(w)
        .startsWith("SQS message of queue driftless-work: visibility not kept at 30 s")
        .contains("AccessDenied")
        .doesNotContain("AQEBsecret-handle"));
  }

  @Test
  void aDeliveryWithNoSqsMessageSchedulesNothing() {
    try (DeliveryVisibility.Kept kept = visibility.keep(List.of())) {
      assertThat(kept).isSameAs(DeliveryVisibility.Kept.NONE);
    }
    assertThat(schedule.beat).isNull();
    assertThat(sqs.attempts).isZero();
  }

  /** Records each change as "queue timeout"; refuses them all, quoting the handle as SQS may, when told to. */
  private static final class RecordingVisibility implements MessageVisibility {
    final List<String> changes = new ArrayList<>();
    int attempts;
    boolean refuse;

    @Override
    public void change(SqsMessage message, Duration timeout) {
      attempts++;
      if (refuse) {
        throw new IllegalStateException("SQS answered 400 AccessDenied for " + message.receiptHandle());
      }
      changes.add(message.queueName() + " " + timeout.toSeconds() + "s");
    }
  }

  /** Holds the one beat it was given; {@link #fire} runs it as the period passing would, unless cancelled. */
  private static final class HandTimedSchedule implements DeliveryVisibility.Schedule {
    Duration period;
    Runnable beat;
    boolean cancelled;

    @Override
    public Runnable every(Duration period, Runnable beat) {
      this.period = period;
      this.beat = beat;
      return () -> cancelled = true;
    }

    void fire() {
      if (!cancelled) {
        beat.run();
      }
    }
  }
}
