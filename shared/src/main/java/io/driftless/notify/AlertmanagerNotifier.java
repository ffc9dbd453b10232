package io.driftless.notify;

import io.driftless.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code alertmanager}: one firing alert per event, POSTed to the address (Alertmanager's
 * {@code /api/v2/alerts}); metadata become labels, {@code summary} and the message annotations.
 * Bearer token or basic auth from the Secret.
 */
final class AlertmanagerNotifier implements Notifier {
  @Override
  public void post(Event event, Target target, Delivery http) throws DeliveryException {
    Map<String, String> headers = new HashMap<>(ChatPayloads.JSON);
    if (target.token() != null && !target.token().isEmpty()) {
      headers.put("Authorization", "Bearer " + target.token());
    }
    if (target.username() != null && !target.username().isEmpty() && target.password() != null
        && !target.password().isEmpty()) {
      String basic = target.username() + ":" + target.password();
      headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    http.post(target.address(), headers, EventJson.bytes(payload(event)));
  }

  static List<Map<String, Object>> payload(Event event) {
    Map<String, String> labels = new TreeMap<>(event.metadata());
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("message", event.message());
    String summary = labels.remove("summary");
    if (summary != null) {
      annotations.put("summary", summary);
    }
    String reason = event.reason();
    String titled = reason.isEmpty() ? "" : reason.substring(0, 1).toUpperCase(Locale.ROOT) + reason.substring(1).toLowerCase(Locale.ROOT);
    labels.put("alertname", "Flux" + event.involvedObject().kind() + titled);
    labels.put("severity", event.severity().flux());
    labels.put("reason", reason);
    labels.put("kind", event.involvedObject().kind());
    labels.put("name", event.involvedObject().name());
    labels.put("namespace", event.involvedObject().namespace());
    labels.put("reportingcontroller", event.reportingController());
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("status", "firing");
    alert.put("labels", labels);
    alert.put("annotations", annotations);
    alert.put("startsAt", DateTimeFormatter.ISO_INSTANT.format(event.timestamp().truncatedTo(ChronoUnit.SECONDS)));
    return List.of(alert);
  }
}
