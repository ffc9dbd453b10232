package io.driftless.trigger;

/** What the webhook answers: an HTTP status and a short message (never a secret). */
public record WebhookResponse(int status, String message) {
  public static WebhookResponse accepted(String message) {
    return new WebhookResponse(202, message);
  }
}
