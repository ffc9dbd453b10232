package io.driftless.trigger;

import java.util.Locale;
import java.util.Optional;

/**
 * How each Flux Receiver type proves a request (flux.md §3.1, notification-controller's
 * receiver_handlers.go): which header carries the proof, which one names the event that
 * {@code spec.events} filters on, and which one gives the delivery id replays are caught by. Every
 * check reads only headers and the raw bytes; comparisons are constant-time.
 */
enum ReceiverType {
  /** No proof: the secret path is the only protection. */
  GENERIC("generic", null, null),
  GENERIC_HMAC("generic-hmac", null, null),
  /** GitHub, and Gitea and Forgejo, which Flux serves with the github type. */
  GITHUB("github", "X-GitHub-Event", "X-GitHub-Delivery"),
  GITLAB("gitlab", "X-Gitlab-Event", "X-Gitlab-Event-UUID"),
  BITBUCKET("bitbucket", "X-Event-Key", "X-Request-UUID"),
  HARBOR("harbor", null, null),
  /** Unauthenticated in Flux too: the body only has to be JSON. */
  DOCKERHUB("dockerhub", null, null),
  QUAY("quay", null, null),
  NEXUS("nexus", null, null),
  CDEVENTS("cdevents", "Ce-Type", "Ce-Id");

  private final String id;
  private final String eventHeader;
  private final String deliveryHeader;

  ReceiverType(String id, String eventHeader, String deliveryHeader) {
    this.id = id;
    this.eventHeader = eventHeader;
    this.deliveryHeader = deliveryHeader;
  }

  static ReceiverType of(String type) {
    for (ReceiverType t : values()) {
      if (t.id.equals(type)) {
        return t;
      }
    }
    throw new IllegalArgumentException("receiver type '" + type + "' is not supported");
  }

  String id() {
    return id;
  }

  /** Why the request does not prove {@code token}; empty when it does. Never mentions the token. */
  Optional<String> refusal(WebhookRequest request, byte[] token) {
    byte[] body = request.body();
    boolean proved = switch (this) {
      case GENERIC, DOCKERHUB, QUAY, CDEVENTS -> true;
      case GENERIC_HMAC -> WebhookSecretCheck.verifyPrefixed(token, body, request.header("X-Signature"));
      case GITHUB, BITBUCKET -> WebhookSecretCheck.verifyPrefixed(token, body, hubSignature(request));
      case GITLAB -> WebhookSecretCheck.tokenEquals(token, request.header("X-Gitlab-Token"));
      case HARBOR -> WebhookSecretCheck.tokenEquals(token, request.header("Authorization"));
      case NEXUS -> WebhookSecretCheck.verifySha1Hex(token, body, request.header("X-Nexus-Webhook-Signature"));
    };
    return proved ? Optional.empty() : Optional.of(proofHeader(request) + " does not carry a valid signature");
  }

  /** go-github's ValidatePayload: X-Hub-Signature-256 first, falling back to X-Hub-Signature (SHA-1). */
  private static String hubSignature(WebhookRequest request) {
    String sha256 = request.header("X-Hub-Signature-256");
    return sha256 != null ? sha256 : request.header("X-Hub-Signature");
  }

  private String proofHeader(WebhookRequest request) {
    return switch (this) {
      case GENERIC_HMAC -> "X-Signature";
      case GITHUB, BITBUCKET -> request.header("X-Hub-Signature-256") != null ? "X-Hub-Signature-256" : "X-Hub-Signature";
      case GITLAB -> "X-Gitlab-Token";
      case HARBOR -> "Authorization";
      case NEXUS -> "X-Nexus-Webhook-Signature";
      default -> "the request";
    };
  }

  /** The event {@code spec.events} is matched against (case-insensitively), or null when the type has none. */
  String event(WebhookRequest request) {
    if (eventHeader == null) {
      return null;
    }
    String event = request.header(eventHeader);
    if (this == GITHUB && event == null) {
      event = request.header("X-Gitea-Event");
    }
    return event == null ? "" : event.strip();
  }

  boolean filtersEvents() {
    return eventHeader != null;
  }

  /**
   * Whether the proof is a signature over the body, so that a body seen before is a replay (the
   * delivery id header is not signed). Token-in-header and unauthenticated types are not de-duplicated
   * by body: whoever can replay them can send any body, and a generic receiver's body may legitimately
   * be the same (or empty) on every call.
   */
  boolean signsBody() {
    return this == GENERIC_HMAC || this == GITHUB || this == BITBUCKET || this == NEXUS;
  }

  /** The sender's delivery id, for replay protection; null when the type sends none. */
  String deliveryId(WebhookRequest request) {
    String id = deliveryHeader == null ? null : request.header(deliveryHeader);
    if (this == GITHUB && id == null) {
      id = request.header("X-Gitea-Delivery");
    }
    return id == null || id.isBlank() ? null : id.strip().toLowerCase(Locale.ROOT);
  }
}
