package io.driftless.sandbox;

import java.util.List;

/**
 * Where a resource request points: a type, the namespace (null for all or cluster-scoped), the name
 * (null for the collection) and a subresource such as {@code status}.
 */
record Route(ResourceType type, String namespace, String name, String subresource) {

  /** Resolves {@code /api/v1/...} or {@code /apis/<group>/<version>/...}; null for a discovery path. */
  static Route parse(List<String> segments, ApiResources resources) {
    int start;
    String apiVersion;
    if (segments.size() >= 2 && segments.get(0).equals("api")) {
      apiVersion = segments.get(1);
      start = 2;
    } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
      apiVersion = segments.get(1) + "/" + segments.get(2);
      start = 3;
    } else {
      return null;
    }
    List<String> rest = segments.subList(start, segments.size());
    if (rest.isEmpty()) {
      return null;
    }
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      ResourceType t = resources.find(apiVersion, rest.get(2)).orElse(null);
      if (t != null && t.namespaced()) {
        return new Route(t, rest.get(1), at(rest, 3), at(rest, 4));
      }
    }
    ResourceType t = resources.find(apiVersion, rest.get(0)).orElseThrow(ApiError::noRoute);
    return new Route(t, null, at(rest, 1), at(rest, 2));
  }

  private static String at(List<String> rest, int i) {
    return rest.size() > i ? rest.get(i) : null;
  }
}
