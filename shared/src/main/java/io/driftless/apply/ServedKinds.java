package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds the cluster serves, from its discovery API, so that an object of a kind it has no API for
 * fails with a sentence instead of the client's dump of the object. Only kinds seen served are cached:
 * a CRD applied in an earlier stage makes its kind appear, and the next lookup finds it.
 */
final class ServedKinds {
  private final KubernetesClient client;
  /** Per apiVersion: each served kind and whether it is namespaced. */
  private final Map<String, Map<String, Boolean>> served = new ConcurrentHashMap<>();

  ServedKinds(KubernetesClient client) {
    this.client = client;
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
    Map<String, Boolean> kinds = served.get(apiVersion);
    if (kinds == null || !kinds.containsKey(object.kind())) {
      APIResourceList list = client.getApiResources(apiVersion);
      if (list != null) {
        kinds = new HashMap<>();
        for (APIResource r : list.getResources()) {
          if (!r.getName().contains("/")) {
            kinds.put(r.getKind(), Boolean.TRUE.equals(r.getNamespaced()));
          }
        }
        served.put(apiVersion, kinds);
      }
    }
    return Optional.ofNullable(kinds == null ? null : kinds.get(object.kind()));
  }

  /** The cluster serves no such apiVersion and kind. */
  static final class UnservedKindException extends RuntimeException {
    UnservedKindException(String message) {
      super(message);
    }
  }
}
