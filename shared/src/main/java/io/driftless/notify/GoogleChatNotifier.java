package io.driftless.notify;

import io.driftless.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code googlechat}: one card headed by the object, the message (red on error) and the metadata as key/values. */
final class GoogleChatNotifier implements Notifier {
  @Override
  public void post(Event event, Target target, Delivery http) throws DeliveryException {
    http.post(target.address(), ChatPayloads.JSON, EventJson.bytes(payload(event)));
  }

  static Map<String, Object> payload(Event event) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("title", ChatPayloads.objectName(event));
    header.put("subtitle", event.reportingController());
    header.put("imageUrl", null);
    header.put("imageStyle", null);
    String text = ChatPayloads.isError(event) ? "<font color=\"#ff0000\">" + event.message() + "</font>" : event.message();
    List<Map<String, Object>> sections = new ArrayList<>();
    sections.add(section(List.of(widget("textParagraph", Map.of("text", text)))));
    if (!event.metadata().isEmpty()) {
      List<Map<String, Object>> kv = new ArrayList<>();
      new TreeMap<>(event.metadata()).forEach((k, v) -> {
        Map<String, Object> keyValue = new LinkedHashMap<>();
        keyValue.put("topLabel", k);
        keyValue.put("content", v);
        keyValue.put("contentMultiline", false);
        keyValue.put("bottomLabel", null);
        keyValue.put("icon", null);
        kv.add(widget("keyValue", keyValue));
      });
      sections.add(section(kv));
    }
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("header", header);
    card.put("sections", sections);
    return Map.of("cards", List.of(card));
  }

  private static Map<String, Object> section(List<Map<String, Object>> widgets) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("header", "");
    s.put("widgets", widgets);
    return s;
  }

  private static Map<String, Object> widget(String type, Map<String, Object> body) {
    Map<String, Object> w = new HashMap<>();
    w.put("textParagraph", null);
    w.put("keyValue", null);
    w.put(type, body);
    return w;
  }
}
