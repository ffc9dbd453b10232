package io.driftless.notify;

import io.driftless.event.Event;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code msteams}: an Adaptive Card (1.4) for Workflows webhooks, or the legacy MessageCard when the
 * address is an Office 365 connector ({@code *.webhook.office.com}), as Flux chooses.
 */
final class TeamsNotifier implements Notifier {
  @Override
  public void post(Event event, Target target, Delivery http) throws DeliveryException {
    http.post(target.address(), ChatPayloads.JSON, EventJson.bytes(payload(event, target.address())));
  }

  static Object payload(Event event, String address) {
    String host;
    try {
      host = URI.create(address).getHost();
    } catch (IllegalArgumentException e) {
      host = "";
    }
    return host != null && host.endsWith(".webhook.office.com") ? messageCard(event) : adaptiveCard(event);
  }

  private static Map<String, Object> messageCard(Event event) {
    List<Map<String, Object>> facts = new ArrayList<>();
    new TreeMap<>(event.metadata()).forEach((k, v) -> facts.add(Map.of("name", k, "value", v)));
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("activityTitle", event.message());
    section.put("activitySubtitle", ChatPayloads.objectName(event));
    section.put("facts", facts);
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("@type", "MessageCard");
    card.put("@context", "http://schema.org/extensions");
    card.put("themeColor", ChatPayloads.isError(event) ? "FF0000" : "0076D7");
    card.put("summary", ChatPayloads.objectName(event));
    card.put("sections", List.of(section));
    return card;
  }

  private static Map<String, Object> adaptiveCard(Event event) {
    List<Map<String, Object>> facts = new ArrayList<>();
    String summary = event.metadata().get("summary");
    if (summary != null) {
      facts.add(Map.of("title", "summary", "value", summary));
    }
    new TreeMap<>(event.metadata()).forEach((k, v) -> {
      if (!k.equals("summary")) {
        facts.add(Map.of("title", k, "value", v));
      }
    });
    Map<String, Object> title = new LinkedHashMap<>(Map.of("type", "TextBlock", "text", ChatPayloads.objectName(event),
        "size", "large", "weight", "bolder", "wrap", true));
    Map<String, Object> message = new LinkedHashMap<>(Map.of("type", "TextBlock", "text", event.message(), "wrap", true));
    if (ChatPayloads.isError(event)) {
      message.put("color", "attention");
    }
    Map<String, Object> factSet = Map.of("type", "FactSet", "facts", facts);
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    content.put("type", "AdaptiveCard");
    content.put("version", "1.4");
    content.put("body", List.of(Map.of("type", "Container", "items", List.of(title, message, factSet))));
    content.put("msteams", Map.of("width", "Full"));
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.put("content", content);
    return Map.of("type", "message", "attachments", List.of(attachment));
  }
}
