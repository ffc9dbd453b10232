package io.driftless.notify;

import io.driftless.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code telegram}: the Bot API's {@code sendMessage} with MarkdownV2 text; {@code spec.channel} is
 * the chat id ({@code chat:thread} for a forum topic), the Secret's {@code token} the bot token.
 * The API is {@code https://api.telegram.org} unless {@code spec.address} names another Bot API
 * server (Flux always uses api.telegram.org).
 */
final class TelegramNotifier implements Notifier {
  private static final String API = "https://api.telegram.org";
  private static final String SPECIAL = "\\.-_[]()~>`#+=|{}!*";

  @Override
  public void post(Event event, Target target, Delivery http) throws DeliveryException {
    if (target.token() == null || target.token().isEmpty()) {
      throw new DeliveryException("telegram needs a token key in spec.secretRef's Secret");
    }
    String base = target.address() == null || target.address().isEmpty() ? API : target.address();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    http.post(base + "/bot" + target.token() + "/sendMessage", ChatPayloads.JSON,
        EventJson.bytes(payload(event, target.channel())));
  }

  static Map<String, Object> payload(Event event, String channel) {
    String emoji = ChatPayloads.isError(event) ? "🚨" : "💫";
    String heading = emoji + " " + event.involvedObject().kind().toLowerCase(java.util.Locale.ROOT) + "/"
        + event.involvedObject().name() + "/" + event.involvedObject().namespace();
    StringBuilder metadata = new StringBuilder();
    new TreeMap<>(event.metadata()).forEach((k, v) ->
        metadata.append("\\- *").append(escape(k)).append("*: ").append(escape(v)).append('\n'));
    Map<String, Object> payload = new LinkedHashMap<>();
    int colon = channel.indexOf(':');
    payload.put("chat_id", colon < 0 ? channel : channel.substring(0, colon));
    if (colon >= 0) {
      payload.put("message_thread_id", channel.substring(colon + 1));
    }
    payload.put("text", "*" + escape(heading) + "*\n" + escape(event.message()) + "\n" + metadata);
    payload.put("parse_mode", "MarkdownV2");
    return payload;
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (SPECIAL.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
