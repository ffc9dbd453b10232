package io.driftless.model;

import java.util.List;
import java.util.Map;

/**
 * Flux's {@code notification.toolkit.fluxcd.io/v1} Receiver (flux.md §3.1): a webhook endpoint at
 * {@code /hook/<digest>} that, once the request is verified the {@code type}'s way, triggers the
 * {@code resources} it lists. Driftless records it rather than applying it ({@link Receivers}).
 */
public record Receiver(String name, String namespace, Spec spec, String origin) {
  public static final String API_VERSION = "notification.toolkit.fluxcd.io/v1";
  public static final String GROUP = "notification.toolkit.fluxcd.io";
  public static final String KIND = "Receiver";

  /** {@code Receiver/namespace/name}, how errors and records name it. */
  public String subject() {
    return ObjectId.subject(KIND, namespace, name);
  }

  public boolean suspended() {
    return Boolean.TRUE.equals(spec.suspend());
  }

  public List<String> events() {
    return spec.events() == null ? List.of() : spec.events();
  }

  public record Spec(
      String type,
      String interval,
      List<String> events,
      List<Resource> resources,
      Object resourceFilter,
      LocalRef secretRef,
      Object oidcProviders,
      Boolean suspend) {}

  /** One entry of {@code spec.resources}: {@code name} may be {@code *} together with {@code matchLabels}. */
  public record Resource(
      String apiVersion, String kind, String name, String namespace, Map<String, String> matchLabels, Object filter) {

    /** The namespace it names, or the Receiver's own. */
    public String namespaceOr(String receiverNamespace) {
      return namespace == null || namespace.isBlank() ? receiverNamespace : namespace;
    }

    public boolean wildcard() {
      return "*".equals(name);
    }
  }

  public record LocalRef(String name) {}
}
