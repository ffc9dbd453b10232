package io.driftless.notify;

import io.driftless.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code generic} and {@code generic-hmac}: POSTs the event JSON with {@code Gotk-Component} and the
 * Secret's {@code headers}; {@code generic-hmac} adds {@code X-Signature: sha256=<hex HMAC(body, token)>}.
 */
final class ForwardNotifier implements Notifier {
  private final boolean signed;

  ForwardNotifier(boolean signed) {
    this.signed = signed;
  }

  @Override
  public void post(Event event, Target target, Delivery http) throws DeliveryException {
    byte[] body = EventJson.bytes(EventJson.of(event));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Gotk-Component", event.reportingController());
    headers.putAll(target.headers());
    if (signed) {
      if (target.token() == null || target.token().isEmpty()) {
        throw new DeliveryException("generic-hmac needs a token key in spec.secretRef's Secret");
      }
      headers.put("X-Signature", "sha256=" + hmacSha256(body, target.token()));
    }
    http.post(target.address(), headers, body);
  }

  static String hmacSha256(byte[] body, String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
