package io.driftless.apply;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * kstatus's verdict on one live object (flux.md §1.7): the generic rules first, then the per-kind
 * rules, with Flux's stricter Job rule. Objects are read as plain maps so custom resources work too.
 */
public enum HealthStatus {
  CURRENT,
  IN_PROGRESS,
  FAILED,
  TERMINATING,
  NOT_FOUND;

  public static HealthStatus of(Map<String, Object> live) {
    if (live == null) {
      return NOT_FOUND;
    }
    Map<String, Object> meta = map(live.get("metadata"));
    Map<String, Object> status = map(live.get("status"));
    if (meta.get("deletionTimestamp") != null) {
      return TERMINATING;
    }
    Object observed = status.get("observedGeneration");
    Object generation = meta.get("generation");
    if (observed != null && generation != null && !Objects.equals(num(observed), num(generation))) {
      return IN_PROGRESS;
    }
    if (conditionIs(status, "Stalled", "True")) {
      return FAILED;
    }
    if (conditionIs(status, "Reconciling", "True")) {
      return IN_PROGRESS;
    }
    String kind = String.valueOf(live.get("kind"));
    Map<String, Object> spec = map(live.get("spec"));
    return switch (kind) {
      case "Deployment" -> deployment(spec, status);
      case "StatefulSet" -> statefulSet(spec, status);
      case "DaemonSet" -> daemonSet(status);
      case "Job" -> job(spec, status);
      case "CustomResourceDefinition" -> crd(status);
      case "PersistentVolumeClaim" -> "Bound".equals(status.get("phase")) ? CURRENT : IN_PROGRESS;
      case "Pod" -> pod(status);
      case "ConfigMap", "Secret", "Service", "CronJob", "PodDisruptionBudget", "Namespace", "ServiceAccount" -> CURRENT;
      default -> generic(status);
    };
  }

  /**
   * As {@link #of}, with kstatus's own Job rule in place of Flux's: a Job that has started is Current
   * (Helm's wait without {@code WaitForJobs}); a failed one still fails.
   */
  public static HealthStatus startedJobsCurrent(Map<String, Object> live) {
    HealthStatus s = of(live);
    boolean started = live != null && "Job".equals(live.get("kind")) && map(live.get("status")).get("startTime") != null;
    return s == IN_PROGRESS && started ? CURRENT : s;
  }

  /**
   * Helm 3's legacy waiter ({@code waitStrategy.name: legacy}; its {@code ReadyChecker}): the workload,
   * Pod, PersistentVolumeClaim and CustomResourceDefinition kinds it knows by the rules above, a Job only
   * with {@code waitForJobs}; every other kind (custom resources included) is ready once it exists.
   */
  public static HealthStatus legacy(Map<String, Object> live, boolean waitForJobs) {
    if (live == null) {
      return NOT_FOUND;
    }
    String kind = String.valueOf(live.get("kind"));
    boolean checked = LEGACY_CHECKED.contains(kind) || waitForJobs && "Job".equals(kind);
    return checked ? of(live) : CURRENT;
  }

  private static final java.util.Set<String> LEGACY_CHECKED = java.util.Set.of("Deployment", "StatefulSet",
      "DaemonSet", "ReplicaSet", "ReplicationController", "Pod", "PersistentVolumeClaim", "CustomResourceDefinition");

  private static HealthStatus deployment(Map<String, Object> spec, Map<String, Object> status) {
    if (conditionReason(status, "Progressing").equals("ProgressDeadlineExceeded")) {
      return FAILED;
    }
    long want = spec.get("replicas") == null ? 1 : num(spec.get("replicas"));
    long updated = num(status.get("updatedReplicas"));
    boolean enough = want <= num(status.get("replicas")) && want <= updated && want <= num(status.get("readyReplicas"));
    boolean available = updated <= num(status.get("availableReplicas")) && conditionIs(status, "Available", "True");
    return enough && available ? CURRENT : IN_PROGRESS;
  }

  private static HealthStatus statefulSet(Map<String, Object> spec, Map<String, Object> status) {
    long want = spec.get("replicas") == null ? 1 : num(spec.get("replicas"));
    boolean ready = num(status.get("readyReplicas")) == want && num(status.get("replicas")) == want;
    Object current = status.get("currentRevision");
    boolean rolled = current == null || current.equals(status.get("updateRevision"));
    return ready && rolled ? CURRENT : IN_PROGRESS;
  }

  private static HealthStatus daemonSet(Map<String, Object> status) {
    if (status.get("observedGeneration") == null) {
      return IN_PROGRESS;
    }
    long desired = num(status.get("desiredNumberScheduled"));
    boolean ok = desired <= num(status.get("currentNumberScheduled")) && desired <= num(status.get("updatedNumberScheduled"))
        && desired <= num(status.get("numberAvailable")) && desired <= num(status.get("numberReady"));
    return ok ? CURRENT : IN_PROGRESS;
  }

  private static HealthStatus job(Map<String, Object> spec, Map<String, Object> status) {
    if (conditionIs(status, "Failed", "True")) {
      return FAILED;
    }
    return conditionIs(status, "Complete", "True") || Boolean.TRUE.equals(spec.get("suspend")) ? CURRENT : IN_PROGRESS;
  }

  private static HealthStatus crd(Map<String, Object> status) {
    if (conditionIs(status, "NamesAccepted", "False")) {
      return FAILED;
    }
    return conditionIs(status, "Established", "True") ? CURRENT : IN_PROGRESS;
  }

  private static HealthStatus pod(Map<String, Object> status) {
    Object phase = status.get("phase");
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return CURRENT;
    }
    return "Running".equals(phase) && conditionIs(status, "Ready", "True") ? CURRENT : IN_PROGRESS;
  }

  private static HealthStatus generic(Map<String, Object> status) {
    if (conditions(status).isEmpty()) {
      return CURRENT;
    }
    return conditionIs(status, "Ready", "True") ? CURRENT : conditionExists(status, "Ready") ? IN_PROGRESS : CURRENT;
  }

  private static boolean conditionIs(Map<String, Object> status, String type, String value) {
    return conditions(status).stream().anyMatch(c -> type.equals(c.get("type")) && value.equals(c.get("status")));
  }

  private static boolean conditionExists(Map<String, Object> status, String type) {
    return conditions(status).stream().anyMatch(c -> type.equals(c.get("type")));
  }

  private static String conditionReason(Map<String, Object> status, String type) {
    return conditions(status).stream().filter(c -> type.equals(c.get("type")))
        .map(c -> String.valueOf(c.get("reason"))).findFirst().orElse("");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> conditions(Map<String, Object> status) {
    Object c = status.get("conditions");
    return c instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : o == null ? 0 : Long.parseLong(o.toString());
  }
}
