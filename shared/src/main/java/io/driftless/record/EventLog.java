package io.driftless.record;

import io.driftless.event.Event;
import java.time.Instant;
import java.util.List;

/**
 * The events kept in the table for {@code driftless events} and {@code driftless logs}. Each event is
 * stored until its expiry (DynamoDB's TTL then deletes it; reads skip expired ones before that).
 * Lists are oldest first.
 */
public interface EventLog extends EventReader {

  /** Stores {@code event} until {@code expiresAt}. */
  void append(Event event, Instant expiresAt);

  /** Stores {@code events} until {@code expiresAt}, in as few writes as the store allows. */
  default void appendAll(List<Event> events, Instant expiresAt) {
    events.forEach(e -> append(e, expiresAt));
  }
}
