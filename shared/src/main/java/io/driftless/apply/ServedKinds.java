package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds the cluster serves, from its discovery API, so that an object of a kind it has no API for
 * fails with a sentence instead of the client's dump of the object. Only kinds seen served are cached:
 * a CRD applied in an earlier stage makes its kind appear, and the next lookup finds it. One instance
 * serves every apply through the same client ({@link #of}), so a fleet of Kustomizations reads discovery
 * once per apiVersion and {@link #KEPT_FOR}, not once per Kustomization.
 */
final class ServedKinds {
  static final Duration KEPT_FOR = Duration.ofMinutes(1);
  private static final Map<KubernetesClient, ServedKinds> BY_CLIENT = Collections.synchronizedMap(new WeakHashMap<>());
  private record Served(Instant at, Map<String, Boolean> kinds) {}

  private final KubernetesClient client;
  /** Per apiVersion: each served kind and whether it is namespaced, and when discovery said so. */
  private final Map<String, Served> served = new ConcurrentHashMap<>();

  ServedKinds(KubernetesClient client) {
    this.client = client;
  }

  /** The cache shared by every apply through {@code client}. */
  static ServedKinds of(KubernetesClient client) {
    return BY_CLIENT.computeIfAbsent(client, ServedKinds::new);
  }

  /** Throws {@link UnservedKindException} when the cluster has no API for the object's kind. */
  void require(KubeObject object) {
    if (namespaced(object).isEmpty()) {
      throw new UnservedKindException("the cluster has no API for `" + object.apiVersion() + "` " + object.kind()
          + " (is its CRD installed?)");
    }
  }

  /** Whether the object's kind is namespaced; empty when the cluster does not serve the kind. */
  Optional<Boolean> namespaced(KubeObject object) {
    String apiVersion = object.apiVersion();
    Served known = served.get(apiVersion);
    Instant now = Instant.now();
    if (known == null || !known.kinds().containsKey(object.kind()) || now.isAfter(known.at().plus(KEPT_FOR))) {
      APIResourceList list = client.getApiResources(apiVersion);
      if (list != null) {
        Map<String, Boolean> kinds = new HashMap<>();
        for (APIResource r : list.getResources()) {
          if (!r.getName().contains("/")) {
            kinds.put(r.getKind(), Boolean.TRUE.equals(r.getNamespaced()));
          }
        }
        known = new Served(now, kinds);
        served.put(apiVersion, known);
      } else {
        served.remove(apiVersion);
        known = null;
      }
    }
    return Optional.ofNullable(known == null ? null : known.kinds().get(object.kind()));
  }

  /** The cluster serves no such apiVersion and kind. */
  static final class UnservedKindException extends RuntimeException {
    UnservedKindException(String message) {
      super(message);
    }
  }
}
