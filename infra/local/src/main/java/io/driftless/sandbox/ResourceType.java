package io.driftless.sandbox;

import java.util.List;

/** One served resource: what discovery lists and what a request path resolves to. */
record ResourceType(
    String group, String version, String plural, String kind, boolean namespaced, List<String> shortNames) {

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code deployments.apps} or {@code configmaps}, as the real API names a resource in messages. */
  String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** Storage key: objects are stored once per group and resource, whatever version they came in. */
  String storageKey() {
    return group + "/" + plural;
  }

  String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }
}
