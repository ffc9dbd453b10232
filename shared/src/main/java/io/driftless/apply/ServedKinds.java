package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds the cluster serves, from its discovery API, so that an object of a kind it has no API for
 * fails with a sentence instead of the client's dump of the object. Only kinds seen served are cached:
 * a CRD applied in an earlier stage makes its kind appear, and the next lookup finds it.
 */
final class ServedKinds {
  private final KubernetesClient client;
  private final Map<String, Set<String>> served = new ConcurrentHashMap<>();

  ServedKinds(KubernetesClient client) {
    this.client = client;
  }

  /** Throws {@link UnservedKindException} when the cluster has no API for the object's kind. */
  void require(KubeObject object) {
    String apiVersion = object.apiVersion();
    Set<String> kinds = served.get(apiVersion);
    if (kinds != null && kinds.contains(object.kind())) {
      return;
    }
    APIResourceList list = client.getApiResources(apiVersion);
    if (list != null) {
      kinds = Set.copyOf(list.getResources().stream()
          .filter(r -> !r.getName().contains("/")).map(r -> r.getKind()).toList());
      served.put(apiVersion, kinds);
    }
    if (kinds == null || !kinds.contains(object.kind())) {
      throw new UnservedKindException("the cluster has no API for `" + apiVersion + "` " + object.kind()
          + " (is its CRD installed?)");
    }
  }

  /** The cluster serves no such apiVersion and kind. */
  static final class UnservedKindException extends RuntimeException {
    UnservedKindException(String message) {
      super(message);
    }
  }
}
