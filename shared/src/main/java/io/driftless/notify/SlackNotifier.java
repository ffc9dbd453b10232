package io.driftless.notify;

import io.driftless.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code slack}, and {@code discord} through Discord's Slack-compatible webhook (the address gets
 * {@code /slack} appended unless it ends so, as in Flux): one attachment, coloured {@code good} or
 * {@code danger}, authored by the object, with the metadata as fields.
 */
final class SlackNotifier implements Notifier {
  private final boolean discord;

  SlackNotifier(boolean discord) {
    this.discord = discord;
  }

  @Override
  public void post(Event event, Target target, Delivery http) throws DeliveryException {
    Map<String, String> headers = new HashMap<>(ChatPayloads.JSON);
    if (!discord && target.token() != null && !target.token().isEmpty()) {
      headers.put("Authorization", "Bearer " + target.token());
    }
    http.post(url(target.address()), headers, EventJson.bytes(payload(event, target)));
  }

  String url(String address) {
    if (!discord || address.endsWith("/slack")) {
      return address;
    }
    int query = address.indexOf('?');
    String path = query < 0 ? address : address.substring(0, query);
    String rest = query < 0 ? "" : address.substring(query);
    return (path.endsWith("/") ? path + "slack" : path + "/slack") + rest;
  }

  Map<String, Object> payload(Event event, Target target) {
    String username = target.provider().spec().username();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("channel", discord ? "" : target.channel());
    payload.put("username", username == null || username.isEmpty() ? event.reportingController() : username);
    payload.put("icon_url", "");
    payload.put("icon_emoji", "");
    List<Map<String, Object>> fields = new ArrayList<>();
    new TreeMap<>(event.metadata()).forEach((k, v) -> {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("title", k);
      f.put("value", v);
      f.put("short", false);
      fields.add(f);
    });
    String author = ChatPayloads.objectName(event);
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("fallback", discord ? "" : author + ": " + event.message().split("\n", -1)[0]);
    attachment.put("color", ChatPayloads.isError(event) ? "danger" : "good");
    attachment.put("author_name", author);
    attachment.put("text", event.message());
    attachment.put("mrkdwn_in", List.of("text"));
    attachment.put("fields", fields);
    payload.put("attachments", List.of(attachment));
    return payload;
  }
}
