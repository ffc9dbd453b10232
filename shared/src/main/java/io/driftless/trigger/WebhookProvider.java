package io.driftless.trigger;

import java.util.Locale;
import java.util.Optional;

/**
 * The Git hosts whose push webhooks Driftless accepts, and how each one names its event, its delivery
 * id and its proof of the shared secret (flux.md §3.1: GitHub and Gitea sign the body with
 * HMAC-SHA256, GitLab sends the token itself).
 */
public enum WebhookProvider {
  GITHUB("github", "X-GitHub-Event", "X-GitHub-Delivery", WebhookSecretCheck.SIGNATURE_HEADER),
  GITEA("gitea", "X-Gitea-Event", "X-Gitea-Delivery", "X-Gitea-Signature or " + WebhookSecretCheck.SIGNATURE_HEADER),
  GITLAB("gitlab", "X-Gitlab-Event", "X-Gitlab-Event-UUID", "X-Gitlab-Token");

  public static final String PUSH = "push";
  public static final String PING = "ping";

  private final String id;
  private final String eventHeader;
  private final String deliveryHeader;
  private final String proofHeaders;

  WebhookProvider(String id, String eventHeader, String deliveryHeader, String proofHeaders) {
    this.id = id;
    this.eventHeader = eventHeader;
    this.deliveryHeader = deliveryHeader;
    this.proofHeaders = proofHeaders;
  }

  /** Gitea also sends X-GitHub-Event, so it is recognised first. */
  public static Optional<WebhookProvider> detect(WebhookRequest request) {
    for (WebhookProvider provider : new WebhookProvider[] {GITEA, GITLAB, GITHUB}) {
      String event = request.header(provider.eventHeader);
      if (event != null && !event.isBlank()) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  public String id() {
    return id;
  }

  /** {@code push}, {@code ping}, or the provider's own event name for anything else. */
  public String eventType(WebhookRequest request) {
    String event = request.header(eventHeader).strip();
    if (this == GITLAB) {
      return event.equals("Push Hook") || event.equals("Tag Push Hook") ? PUSH : event;
    }
    return event.toLowerCase(Locale.ROOT);
  }

  /** The delivery id header's value, or null when the provider did not send one. */
  public String deliveryId(WebhookRequest request) {
    String id = request.header(deliveryHeader);
    return id == null || id.isBlank() ? null : id.strip();
  }

  /** The header(s) that carry the proof, for "missing signature" messages. */
  public String proofHeaders() {
    return proofHeaders;
  }

  public boolean hasProof(WebhookRequest request) {
    return switch (this) {
      case GITHUB -> request.header(WebhookSecretCheck.SIGNATURE_HEADER) != null;
      case GITEA -> request.header("X-Gitea-Signature") != null
          || request.header(WebhookSecretCheck.SIGNATURE_HEADER) != null;
      case GITLAB -> request.header("X-Gitlab-Token") != null;
    };
  }

  /** True when the request proves knowledge of {@code secret}; compared in constant time. */
  public boolean verify(WebhookRequest request, byte[] secret) {
    byte[] body = request.body();
    return switch (this) {
      case GITHUB -> WebhookSecretCheck.verify(secret, body, request.header(WebhookSecretCheck.SIGNATURE_HEADER));
      case GITEA -> request.header("X-Gitea-Signature") != null
          ? WebhookSecretCheck.verifyHex(secret, body, request.header("X-Gitea-Signature"))
          : WebhookSecretCheck.verify(secret, body, request.header(WebhookSecretCheck.SIGNATURE_HEADER));
      case GITLAB -> WebhookSecretCheck.tokenEquals(secret, request.header("X-Gitlab-Token"));
    };
  }
}
