package io.driftless.record;

import io.driftless.config.ConfigException;
import io.driftless.event.Event;
import io.driftless.event.EventSink;
import io.driftless.model.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The sink that keeps every event in the table for {@link #ttl()} ({@code DRIFTLESS_EVENT_TTL},
 * 7 days by default), for {@code driftless events} and {@code driftless logs}. A write that fails is
 * logged in one line (object, reason, cause) and dropped: an event is never worth a failed reconcile.
 * Messages are the reconcile's own one-line errors and change sets, which name files and objects but
 * never hold secret values.
 */
public final class EventStore implements EventSink {
  private static final Logger LOG = Logger.getLogger(EventStore.class.getName());
  /**
   * The environment variable setting the retention. Read from the environment only (on Lambda, the
   * function's environment), not a {@code DriftlessConfig} key, so the functions' Quarkus mapping is unchanged.
   */
  public static final String TTL_ENV = "DRIFTLESS_EVENT_TTL";
  /** How long an event is kept when {@code DRIFTLESS_EVENT_TTL} is unset. */
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);
  private final EventLog log;
  private final Duration ttl;

  public EventStore(EventLog log, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(TTL_ENV + ": " + ttl + " must be positive");
    }
    this.log = log;
    this.ttl = ttl;
  }

  /** The retention {@code env} asks for with {@code DRIFTLESS_EVENT_TTL} (a Go duration such as {@code 72h}). */
  public static Duration ttlFrom(Map<String, String> env) {
    String text = env.get(TTL_ENV);
    if (text == null || text.isBlank()) {
      return DEFAULT_TTL;
    }
    try {
      return Durations.parse(text.trim());
    } catch (RuntimeException e) {
      throw new ConfigException(
          TTL_ENV + ": '" + text + "' is not a duration such as 168h");
    }
  }

  public Duration ttl() {
    return ttl;
  }

  @Override
  public void emit(Event event) {
    emitAll(List.of(event));
  }

  /** The events in one write where the table allows it; they expire {@link #ttl()} after the first one's time. */
  @Override
  public void emitAll(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    Event first = events.get(0);
    try {
      log.appendAll(events, first.timestamp().plus(ttl));
    } catch (RuntimeException e) {
      LOG.warning("event " + first.reason() + " of " + first.involvedObject().subject() + " on cluster "
          + first.cluster() + " not stored: " + e.getClass().getSimpleName());
    }
  }
}
