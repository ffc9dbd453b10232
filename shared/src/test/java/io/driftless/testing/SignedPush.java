package io.driftless.testing;

import io.driftless.trigger.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub push deliveries, signed as GitHub signs them, for tests. */
public final class SignedPush {
  private SignedPush() {}

  public static String body(String cloneUrl, String branch, String after) {
    return """
        {"ref":"refs/heads/%s","before":"%s","after":"%s",\
        "repository":{"full_name":"example/demo","clone_url":"%s","html_url":"%s"}}"""
        .formatted(branch, "0".repeat(40), after, cloneUrl, cloneUrl);
  }

  public static WebhookRequest request(String secret, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new WebhookRequest(
        Map.of(
            "X-GitHub-Event", "push",
            "X-GitHub-Delivery", UUID.randomUUID().toString(),
            "X-Hub-Signature-256", "sha256=" + hmac(secret, bytes),
            "Content-Type", "application/json"),
        bytes);
  }

  public static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
