package io.driftless.record;

import io.driftless.event.Event;
import java.time.Instant;
import java.util.List;

/** The stored events, read only: what {@code driftless events}, {@code logs} and the web UI show. */
public interface EventReader {
  /** The events of one object ({@code kind}, {@code namespace}, {@code name}) on {@code cluster} since {@code since}. */
  List<Event> forObject(String cluster, String kind, String namespace, String name, Instant since);

  /** The events of every object on every cluster since {@code since}, up to now. */
  List<Event> since(Instant since);
}
