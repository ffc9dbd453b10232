package io.driftless.notify;

import io.driftless.model.ObjectId;
import java.time.Duration;
import java.util.List;

/**
 * Flux's {@code Provider} ({@code notification.toolkit.fluxcd.io/v1beta3}): where an Alert's events
 * go. Secrets ({@code secretRef}, {@code certSecretRef}, {@code proxySecretRef}) are Secrets in the
 * Provider's namespace on the target cluster, read when an event is delivered. {@code tokenRef} is
 * set only on a Provider registered with {@code driftless bootstrap}: a reference to its token.
 */
public record Provider(
    String namespace, String name, Spec spec, String origin, String tokenRef) implements Notification {
  public static final String KIND = "Provider";
  /** Types that post a commit status on the revision's commit instead of a message. */
  public static final List<String> COMMIT_STATUS_TYPES = List.of("github", "gitea", "gitlab", "bitbucket");
  /** The alerting types Driftless delivers. */
  public static final List<String> ALERTING_TYPES =
      List.of("generic", "generic-hmac", "slack", "discord", "msteams", "alertmanager", "telegram", "googlechat");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  public String key() {
    return ObjectId.subject(KIND, namespace, name);
  }

  public boolean commitStatus() {
    return COMMIT_STATUS_TYPES.contains(spec.type());
  }

  public boolean suspended() {
    return Boolean.TRUE.equals(spec.suspend());
  }

  /** {@code spec.timeout}, 15s when unset (as Flux). */
  public Duration timeout() {
    return spec.timeout() == null ? DEFAULT_TIMEOUT : io.driftless.model.Durations.parse(spec.timeout());
  }

  /** The fields of {@code spec}; unknown fields are ignored, fields Driftless does not act on are refused on parse. */
  public record Spec(
      String type,
      String address,
      String channel,
      String username,
      String timeout,
      String proxy,
      LocalRef secretRef,
      LocalRef certSecretRef,
      LocalRef proxySecretRef,
      String serviceAccountName,
      String commitStatusExpr,
      Boolean suspend) {}

  /** A reference to an object in the same namespace. */
  public record LocalRef(String name) {}
}
