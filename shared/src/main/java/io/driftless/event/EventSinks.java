package io.driftless.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Several sinks as one: each event goes to every sink in order, and a sink that throws is logged
 * (its exception's class and the event's subject and reason, never the message or metadata, which
 * could carry an address) and skipped, so one broken sink neither fails the reconcile nor starves
 * the others.
 */
public final class EventSinks implements EventSink {
  private static final Logger LOG = Logger.getLogger(EventSinks.class.getName());
  private final List<EventSink> sinks;

  private EventSinks(List<EventSink> sinks) {
    this.sinks = sinks;
  }

  /** The sinks, in order, as one sink. */
  public static EventSinks of(List<EventSink> sinks) {
    return new EventSinks(new CopyOnWriteArrayList<>(sinks));
  }

  /** Adds a sink after the others (the engine's owner plugs in alerting after start-up, say). */
  public EventSinks add(EventSink sink) {
    sinks.add(sink);
    return this;
  }

  @Override
  public void emit(Event event) {
    emitAll(List.of(event));
  }

  @Override
  public void emitAll(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    for (EventSink sink : sinks) {
      try {
        sink.emitAll(events);
      } catch (RuntimeException e) {
        Event event = events.get(0);
        LOG.warning("event sink " + sink.getClass().getSimpleName() + " failed on " + event.involvedObject().subject()
            + " " + event.reason() + " (" + e.getClass().getSimpleName() + ")");
      }
    }
  }
}
