package io.driftless.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the scheduler, the kubelets and the workload controllers that a bare control plane
 * lacks: it watches Deployments, StatefulSets, DaemonSets, ReplicaSets and Jobs and writes the status a
 * healthy cluster would report once every pod is running and ready (Jobs: complete, or failed when
 * labelled {@value #JOB_OUTCOME_LABEL}{@code : Failed}, so a test can make a Helm hook fail, or started and
 * never finished when labelled {@code Running}). It says what it is:
 * nothing runs; only status is written, through the status subresource, as the controllers would.
 * With it, {@code wait: true} and health checks mean the same on the real server as on a real cluster.
 */
public final class KubeletStandIn implements AutoCloseable {
  private static final List<ResourceDefinitionContext> WORKLOADS = List.of(
      context("apps", "v1", "Deployment", "deployments"),
      context("apps", "v1", "StatefulSet", "statefulsets"),
      context("apps", "v1", "DaemonSet", "daemonsets"),
      context("apps", "v1", "ReplicaSet", "replicasets"),
      context("batch", "v1", "Job", "jobs"));

  /** A label a test puts on a Job to have it fail instead of complete. */
  public static final String JOB_OUTCOME_LABEL = "driftless.test/job-outcome";

  private final KubernetesClient client;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();

  private KubeletStandIn(KubernetesClient client) {
    this.client = client;
  }

  /** Starts watching every namespace; workloads already present are marked at once. */
  public static KubeletStandIn start(KubernetesClient client) {
    KubeletStandIn standIn = new KubeletStandIn(client);
    for (ResourceDefinitionContext workload : WORKLOADS) {
      SharedIndexInformer<GenericKubernetesResource> informer =
          client.genericKubernetesResources(workload).inAnyNamespace().inform(standIn.handler(workload));
      standIn.informers.add(informer);
    }
    return standIn;
  }

  /**
   * Starts the stand-in only when the cluster has no Nodes (a bare control plane, where nothing could
   * ever become ready); a cluster with nodes has real kubelets and is left alone.
   */
  public static java.util.Optional<KubeletStandIn> startIfNodeless(KubernetesClient client) {
    if (!client.nodes().list().getItems().isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(start(client));
  }

  private ResourceEventHandler<GenericKubernetesResource> handler(ResourceDefinitionContext workload) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        markReady(workload, object);
      }

      @Override
      public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource object) {
        markReady(workload, object);
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean unknownFinalState) {}
    };
  }

  private void markReady(ResourceDefinitionContext workload, GenericKubernetesResource object) {
    Map<String, Object> wanted = readyStatus(workload.getKind(), object);
    if (wanted.equals(object.getAdditionalProperties().get("status"))) {
      return;
    }
    object.getAdditionalProperties().put("status", wanted);
    try {
      client.genericKubernetesResources(workload).inNamespace(object.getMetadata().getNamespace())
          .resource(object).updateStatus();
    } catch (RuntimeException conflictOrGone) {
      // a newer generation is on its way to the informer, or the object was deleted: the next event decides
    }
  }

  /** The status a workload controller writes when every replica is up to date, ready and available. */
  static Map<String, Object> readyStatus(String kind, GenericKubernetesResource object) {
    Map<String, Object> status = new LinkedHashMap<>();
    Long generation = object.getMetadata().getGeneration();
    int observed = generation == null ? 1 : generation.intValue();
    int replicas = replicas(object);
    switch (kind) {
      case "Job" -> {
        String now = existingStartTime(object);
        status.put("startTime", now);
        Map<String, String> labels = object.getMetadata().getLabels();
        String outcome = labels == null ? "" : labels.getOrDefault(JOB_OUTCOME_LABEL, "");
        if ("Failed".equals(outcome)) {
          status.put("failed", 1);
          status.put("conditions", List.of(condition("Failed", "BackoffLimitExceeded")));
        } else if ("Running".equals(outcome)) {
          status.put("active", 1);
        } else {
          status.put("succeeded", 1);
          status.put("completionTime", now);
          status.put("conditions", List.of(condition("Complete", "JobComplete")));
        }
      }
      case "DaemonSet" -> {
        status.put("observedGeneration", observed);
        status.put("currentNumberScheduled", 1);
        status.put("desiredNumberScheduled", 1);
        status.put("numberAvailable", 1);
        status.put("numberMisscheduled", 0);
        status.put("numberReady", 1);
        status.put("updatedNumberScheduled", 1);
      }
      default -> {
        status.put("observedGeneration", observed);
        status.put("replicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("availableReplicas", replicas);
        if (kind.equals("StatefulSet")) {
          status.put("currentReplicas", replicas);
          status.put("currentRevision", "stand-in");
          status.put("updateRevision", "stand-in");
        }
        if (kind.equals("Deployment")) {
          status.put("conditions", List.of(condition("Available", "MinimumReplicasAvailable"),
              condition("Progressing", "NewReplicaSetAvailable")));
        }
      }
    }
    return status;
  }

  private static int replicas(GenericKubernetesResource object) {
    Object spec = object.getAdditionalProperties().get("spec");
    if (spec instanceof Map<?, ?> map && map.get("replicas") instanceof Number n) {
      return n.intValue();
    }
    return 1;
  }

  private static String existingStartTime(GenericKubernetesResource object) {
    if (object.getAdditionalProperties().get("status") instanceof Map<?, ?> status
        && status.get("startTime") instanceof String time) {
      return time;
    }
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private static Map<String, Object> condition(String type, String reason) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", "True");
    condition.put("reason", reason);
    condition.put("message", "marked ready by the kubelet stand-in (nothing runs)");
    return condition;
  }

  private static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
        .withPlural(plural).withNamespaced(true).build();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
