package io.driftless.event;

/**
 * Where the engine reports events: the table (for {@code driftless events}), Alerts and their
 * Providers, commit statuses. A sink must never fail a reconcile: it catches and logs its own
 * errors (without secrets) and returns.
 */
@FunctionalInterface
public interface EventSink {
  void emit(Event event);

  EventSink NONE = event -> {};
}
