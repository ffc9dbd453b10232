package io.driftless.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the controllers of a real cluster would write into status, done at once on every write:
 * workloads report all replicas ready, Jobs complete (or failed, when labelled
 * {@value #JOB_OUTCOME_LABEL}{@code : Failed}, so tests can make a Helm hook fail; started and never
 * finished when labelled {@code Running}), Namespaces are
 * Active, CRDs are Established. The status is
 * derived only from the object itself, so rewriting an unchanged object yields the same status.
 */
final class SimulatedControllers {
  /** A label a test puts on a Job to have it fail instead of complete. */
  static final String JOB_OUTCOME_LABEL = "driftless.test/job-outcome";

  private SimulatedControllers() {}

  static void reconcile(ResourceType type, ObjectNode object, boolean workloads) {
    switch (type.kind()) {
      case "Namespace" -> object.putObject("status").put("phase", "Active");
      case "CustomResourceDefinition" -> establish(object);
      case "Deployment", "StatefulSet" -> {
        if (workloads) {
          replicas(type.kind(), object);
        }
      }
      case "DaemonSet" -> {
        if (workloads) {
          daemons(object);
        }
      }
      case "Job" -> {
        if (workloads) {
          job(object);
        }
      }
      default -> { }
    }
  }

  private static void replicas(String kind, ObjectNode object) {
    int replicas = object.path("spec").path("replicas").asInt(1);
    ObjectNode status = object.putObject("status");
    status.put("observedGeneration", object.path("metadata").path("generation").asLong(1))
        .put("replicas", replicas).put("readyReplicas", replicas).put("updatedReplicas", replicas)
        .put("availableReplicas", replicas);
    if (kind.equals("StatefulSet")) {
      status.put("currentReplicas", replicas);
      return;
    }
    String since = object.path("metadata").path("creationTimestamp").asText();
    ArrayNode conditions = status.putArray("conditions");
    condition(conditions, "Available", "MinimumReplicasAvailable", "Deployment has minimum availability.", since);
    condition(conditions, "Progressing", "NewReplicaSetAvailable",
        "ReplicaSet \"" + object.path("metadata").path("name").asText() + "\" has successfully progressed.", since);
  }

  private static void daemons(ObjectNode object) {
    object.putObject("status")
        .put("observedGeneration", object.path("metadata").path("generation").asLong(1))
        .put("currentNumberScheduled", 1).put("desiredNumberScheduled", 1).put("numberReady", 1)
        .put("updatedNumberScheduled", 1).put("numberAvailable", 1).put("numberMisscheduled", 0);
  }

  private static void job(ObjectNode object) {
    String since = object.path("metadata").path("creationTimestamp").asText();
    String outcome = object.path("metadata").path("labels").path(JOB_OUTCOME_LABEL).asText();
    ObjectNode status = object.putObject("status").put("startTime", since);
    if ("Running".equals(outcome)) {
      status.put("active", 1);
      return;
    }
    ArrayNode conditions = status.putArray("conditions");
    if ("Failed".equals(outcome)) {
      status.put("failed", 1);
      condition(conditions, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", since);
    } else {
      status.put("succeeded", 1).put("completionTime", since);
      condition(conditions, "Complete", "", "", since);
    }
  }

  private static void establish(ObjectNode crd) {
    String since = crd.path("metadata").path("creationTimestamp").asText();
    ObjectNode status = crd.putObject("status");
    ArrayNode conditions = status.putArray("conditions");
    condition(conditions, "NamesAccepted", "NoConflicts", "no conflicts found", since);
    condition(conditions, "Established", "InitialNamesAccepted", "the initial names have been accepted", since);
    status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
    ArrayNode stored = status.putArray("storedVersions");
    crd.path("spec").path("versions").forEach(v -> {
      if (v.path("storage").asBoolean(false)) {
        stored.add(v.path("name").asText());
      }
    });
  }

  private static void condition(ArrayNode conditions, String type, String reason, String message, String since) {
    ObjectNode c = conditions.addObject().put("type", type).put("status", "True")
        .put("reason", reason).put("message", message);
    c.put("lastTransitionTime", since);
    if (type.equals("Available") || type.equals("Progressing")) {
      c.put("lastUpdateTime", since);
    }
  }
}
