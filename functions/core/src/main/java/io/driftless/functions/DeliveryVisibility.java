package io.driftless.functions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Keeps the SQS messages of a live work invocation hidden for short spans: {@link #TIMEOUT} when the
 * delivery starts, renewed every {@link #EVERY} on one shared daemon thread until the delivery ends.
 * An invocation that dies (a Lambda timeout, an out-of-memory kill, a crash) stops renewing, so its
 * message is visible again within {@link #TIMEOUT} rather than after the queue's own visibility
 * timeout, SQS redelivers it, and the next invocation takes the request over once its claim has
 * lapsed. A change SQS refuses never fails the work: it is logged once per delivery, and the
 * message falls back on the queue's visibility timeout.
 */
public final class DeliveryVisibility {
  /** How long a live invocation's message stays hidden past its last renewal. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** How often it is renewed: a third of {@link #TIMEOUT}, so two renewals may fail before it shows. */
  public static final Duration EVERY = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(DeliveryVisibility.class.getName());
  private static final ScheduledExecutorService BEAT = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "driftless-sqs-visibility");
    t.setDaemon(true);
    return t;
  });

  /** Runs {@code beat} every {@code period} (the first one period from now) until the answer is run. */
  @FunctionalInterface
  public interface Schedule {
    Runnable every(Duration period, Runnable beat);
  }

  private final MessageVisibility visibility;
  private final Schedule schedule;

  /** Renewals on the shared heartbeat thread. */
  public DeliveryVisibility(MessageVisibility visibility) {
    this(visibility, (period, beat) -> {
      ScheduledFuture<?> task = BEAT.scheduleWithFixedDelay(beat, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
      return () -> task.cancel(false);
    });
  }

  public DeliveryVisibility(MessageVisibility visibility, Schedule schedule) {
    this.visibility = visibility;
    this.schedule = schedule;
  }

  /** Hides {@code messages} for {@link #TIMEOUT} now and keeps renewing that until the answer is closed. */
  public Kept keep(List<SqsMessage> messages) {
    if (messages.isEmpty()) {
      return Kept.NONE;
    }
    Renewals renewals = new Renewals(List.copyOf(messages));
    renewals.hide();
    synchronized (renewals) {
      renewals.cancel = schedule.every(EVERY, renewals::beat);
    }
    return renewals;
  }

  /** The renewals of one delivery; closing ends them. */
  public interface Kept extends AutoCloseable {
    Kept NONE = () -> {};

    /** Stops renewing; waits for a renewal under way, so none is sent once this returns. */
    @Override
    void close();
  }

  private final class Renewals implements Kept {
    private final List<SqsMessage> messages;
    private Runnable cancel = () -> {};
    private boolean stopped;
    private boolean logged;

    Renewals(List<SqsMessage> messages) {
      this.messages = messages;
    }

    synchronized void beat() {
      if (!stopped) {
        hide();
      }
    }

    private synchronized void hide() {
      for (SqsMessage message : messages) {
        try {
          visibility.change(message, TIMEOUT);
        } catch (RuntimeException e) {
          if (!logged) {
            logged = true;
            LOG.warning(message + ": visibility not kept at " + TIMEOUT.toSeconds() + " s, so a dead invocation's"
                + " delivery waits for the queue's visibility timeout: " + scrubbed(e.getMessage(), message));
          }
        }
      }
    }

    @Override
    public synchronized void close() {
      stopped = true;
      cancel.run();
    }
  }

  private static String scrubbed(String text, SqsMessage message) {
    return text == null ? "" : text.replace(message.receiptHandle(), "<receipt handle>");
  }
}
