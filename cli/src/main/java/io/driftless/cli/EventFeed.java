package io.driftless.cli;

import io.driftless.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@code --watch} and {@code --follow} print: each {@link #next()} returns the events stored
 * since the last call and not returned before (reading from shortly before the newest seen, so a poll
 * of the fleet reads today's partitions only).
 */
final class EventFeed {
  /** Re-read this far back, so an event another instance stamped a little earlier but stored later is not missed. */
  private static final Duration OVERLAP = Duration.ofSeconds(30);
  private final Function<Instant, List<Event>> reader;
  private final Set<String> seen = new HashSet<>();
  private Instant from;

  EventFeed(Function<Instant, List<Event>> reader, Instant from) {
    this.reader = reader;
    this.from = from;
  }

  List<Event> next() {
    List<Event> fresh = reader.apply(from.minus(OVERLAP)).stream().filter(e -> seen.add(identity(e))).toList();
    fresh.stream().map(Event::timestamp).max(Instant::compareTo).ifPresent(t -> from = t);
    return fresh;
  }

  /**
   * Polls every {@code interval} and hands each new batch to {@code print}, until {@code until}
   * (null: until the process is stopped, as flux's {@code --watch}).
   */
  void follow(Duration interval, Instant until, java.util.function.Consumer<List<Event>> print) {
    while (until == null || Instant.now().isBefore(until)) {
      List<Event> fresh = next();
      if (!fresh.isEmpty()) {
        print.accept(fresh);
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String identity(Event e) {
    return e.timestamp() + "|" + e.cluster() + "|" + e.involvedObject().subject() + "|" + e.reason() + "|" + e.message();
  }
}
