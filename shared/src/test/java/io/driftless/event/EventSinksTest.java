package io.driftless.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** One broken sink neither stops the others nor leaks what the event carries into the log. */
class EventSinksTest {

  @Test
  void aSinkThatThrowsIsLoggedWithoutTheMessageAndTheOthersStillGetTheEvent() {
    List<Event> got = new ArrayList<>();
    List<String> logged = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger(EventSinks.class.getName()).addHandler(capture);
    try {
      EventSink broken = e -> {
        throw new IllegalStateException("POST https://hooks.slack.com/services/T0/B0/secret failed");
      };
      EventSinks sinks = EventSinks.of(List.of(broken, got::add));
      sinks.add(got::add);

      sinks.emit(new Event(Instant.EPOCH, new Event.InvolvedObject("", "Kustomization", "flux-system", "apps"), "prod",
          Event.Severity.ERROR, "BuildFailed", "token=hunter2", Map.of("k", "v"), "kustomize-controller"));
    } finally {
      Logger.getLogger(EventSinks.class.getName()).removeHandler(capture);
    }

    assertThat(got).hasSize(2);
    assertThat(logged).singleElement().asString().contains("Kustomization/flux-system/apps").contains("BuildFailed")
        .doesNotContain("secret").doesNotContain("hunter2");
  }
}
