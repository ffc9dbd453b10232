package io.driftless.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sends a GitHub-shaped push webhook, signed with X-Hub-Signature-256, as GitHub would. */
final class WebhookSender {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;
  private final byte[] secret;

  WebhookSender(URI endpoint, byte[] secret) {
    this.endpoint = endpoint;
    this.secret = secret.clone();
  }

  int push(String cloneUrl, String branch, String before, String after) throws IOException, InterruptedException {
    String body = """
        {"ref":"refs/heads/%s","before":"%s","after":"%s",\
        "repository":{"full_name":"example/driftless-demo","clone_url":"%s","html_url":"%s"},\
        "pusher":{"name":"driftless-demo"}}""".formatted(branch, before, after, cloneUrl, cloneUrl);
    return send("push", body);
  }

  int send(String event, String body) throws IOException, InterruptedException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", "sha256=" + hmac(bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
