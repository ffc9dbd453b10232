package io.driftless.notify;

import io.driftless.event.Event;
import java.util.Locale;
import java.util.Map;

/** What the chat notifiers share: the object's name as Flux writes it, JSON headers. */
final class ChatPayloads {
  static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  private ChatPayloads() {}

  /** {@code kustomization/apps.flux-system}. */
  static String objectName(Event e) {
    return e.involvedObject().kind().toLowerCase(Locale.ROOT) + "/" + e.involvedObject().name() + "."
        + e.involvedObject().namespace();
  }

  static boolean isError(Event e) {
    return e.severity() == Event.Severity.ERROR;
  }
}
