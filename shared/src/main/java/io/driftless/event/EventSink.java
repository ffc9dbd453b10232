package io.driftless.event;

import java.util.List;

/**
 * Where the engine reports events: the table (for {@code driftless events}), Alerts and their
 * Providers, commit statuses. A sink must never fail a reconcile: it catches and logs its own
 * errors (without secrets) and returns.
 */
@FunctionalInterface
public interface EventSink {
  void emit(Event event);

  /** Several events of one moment (a run's change set and its "finished"), which a sink may store in one write. */
  default void emitAll(List<Event> events) {
    events.forEach(this::emit);
  }

  EventSink NONE = event -> {};
}
