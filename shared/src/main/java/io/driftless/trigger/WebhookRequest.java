package io.driftless.trigger;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP webhook delivery as it arrived: headers (matched case-insensitively) and the exact raw body. */
public final class WebhookRequest {
  private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final byte[] body;

  public WebhookRequest(Map<String, String> headers, byte[] body) {
    if (headers != null) {
      headers.forEach((k, v) -> this.headers.put(k.toLowerCase(Locale.ROOT), v));
    }
    this.body = body == null ? new byte[0] : body.clone();
  }

  public String header(String name) {
    return headers.get(name);
  }

  public byte[] body() {
    return body.clone();
  }
}
