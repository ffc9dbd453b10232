package io.driftless.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The check a v1.20 API server makes before a server-side apply of a native kind: items of the
 * associative lists keyed by {@code (port, protocol)} (Service ports) and {@code (containerPort, protocol)}
 * (container ports) must carry every key field, although the server would default {@code protocol}.
 * Real servers refuse such an apply; the sandbox refuses it with the same message.
 */
final class AssociativeKeys {
  private static final List<String> POD_TEMPLATE_KINDS =
      List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController");

  private AssociativeKeys() {}

  static void check(ResourceType type, JsonNode applied) {
    String group = type.apiVersion().contains("/") ? type.apiVersion().substring(0, type.apiVersion().indexOf('/')) : "";
    if (!List.of("", "apps", "batch").contains(group)) {
      return;
    }
    String kind = type.kind();
    if (kind.equals("Service")) {
      ports(applied.path("spec").path("ports"), ".spec.ports");
    } else if (kind.equals("Pod")) {
      podSpec(applied.path("spec"), ".spec");
    } else if (POD_TEMPLATE_KINDS.contains(kind)) {
      podSpec(applied.path("spec").path("template").path("spec"), ".spec.template.spec");
    } else if (kind.equals("CronJob")) {
      podSpec(applied.path("spec").path("jobTemplate").path("spec").path("template").path("spec"),
          ".spec.jobTemplate.spec.template.spec");
    }
  }

  private static void podSpec(JsonNode spec, String path) {
    for (String list : List.of("initContainers", "containers")) {
      JsonNode containers = spec.path(list);
      for (int i = 0; i < containers.size(); i++) {
        ports(containers.get(i).path("ports"), path + "." + list + "[name=\"" + containers.get(i).path("name").asText() + "\"].ports");
      }
    }
  }

  private static void ports(JsonNode ports, String path) {
    for (int i = 0; i < ports.size(); i++) {
      if (!ports.get(i).hasNonNull("protocol")) {
        throw ApiError.internal("failed to create typed patch object: " + path + ": element " + i
            + ": associative list with keys has an element that omits key field \"protocol\" (and doesn't have default value)");
      }
    }
  }
}
