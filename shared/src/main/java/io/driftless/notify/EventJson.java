package io.driftless.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.event.Event;
import io.driftless.model.Yaml;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Flux's event JSON ({@code event.toolkit.fluxcd.io/v1beta1} Event), and the JSON encoding the notifiers share. */
final class EventJson {
  private static final ObjectMapper JSON = Yaml.json();

  private EventJson() {}

  static Map<String, Object> of(Event e) {
    Map<String, Object> involved = new LinkedHashMap<>();
    involved.put("kind", e.involvedObject().kind());
    involved.put("namespace", e.involvedObject().namespace());
    involved.put("name", e.involvedObject().name());
    if (!e.involvedObject().apiVersion().isEmpty()) {
      involved.put("apiVersion", e.involvedObject().apiVersion());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("involvedObject", involved);
    m.put("severity", e.severity().flux());
    m.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(e.timestamp().truncatedTo(ChronoUnit.SECONDS)));
    m.put("message", e.message());
    m.put("reason", e.reason());
    if (!e.metadata().isEmpty()) {
      m.put("metadata", new TreeMap<>(e.metadata()));
    }
    m.put("reportingController", e.reportingController());
    m.put("reportingInstance", e.reportingController());
    return m;
  }

  static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a notification: " + e.getOriginalMessage());
    }
  }

  static ObjectMapper mapper() {
    return JSON;
  }
}
