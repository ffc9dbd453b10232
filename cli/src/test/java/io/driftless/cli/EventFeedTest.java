package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --watch and --follow print each stored event once, also one stored late with an earlier time. */
class EventFeedTest {
  private static final Instant T = Instant.parse("2026-12-01T12:00:00Z");

  private static Event at(Instant t, String message) {
    return new Event(t, new Event.InvolvedObject("", "Kustomization", "flux-system", "apps"), "prod",
        Event.Severity.INFO, "ReconciliationSucceeded", message, Map.of(), "kustomize-controller");
  }

  @Test
  void eachEventIsReturnedOnceAndALateOneIsNotMissed() {
    List<Event> table = new ArrayList<>();
    EventFeed feed = new EventFeed(from -> table.stream().filter(e -> !e.timestamp().isBefore(from)).toList(), T);
    table.add(at(T.plusSeconds(10), "first"));

    List<Event> one = feed.next();
    table.add(at(T.plusSeconds(20), "second"));
    table.add(at(T.plusSeconds(5), "stored late by another instance"));
    List<Event> two = feed.next();
    List<Event> three = feed.next();

    assertThat(one).extracting(Event::message).containsExactly("first");
    assertThat(two).extracting(Event::message).containsExactlyInAnyOrder("second", "stored late by another instance");
    assertThat(three).isEmpty();
  }
}
