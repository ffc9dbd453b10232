package io.driftless.apply;

import io.driftless.cel.CelExpression;
import io.driftless.model.ObjectId;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Waits until applied objects are Current by kstatus rules (or, for the kinds they match, by a
 * Kustomization's CEL {@link CelHealthRules}), polling as Flux does; fails fast on the first Failed
 * object, and on timeout names every object that was not ready and its status. An object a CEL rule
 * cannot be evaluated on yet is Unknown, with the evaluation error, as in Flux's wait.
 */
public final class HealthChecker {
  private final KubernetesClient client;
  private final Poller poller;
  private final Function<Map<String, Object>, HealthStatus> rule;

  public HealthChecker(KubernetesClient client, Duration poll) {
    this(client, poll, HealthStatus::of);
  }

  /** With {@code rule} judging each object a CEL rule does not (e.g. {@link HealthStatus#startedJobsCurrent}). */
  public HealthChecker(KubernetesClient client, Duration poll, Function<Map<String, Object>, HealthStatus> rule) {
    this.client = client;
    this.poller = new Poller(poll);
    this.rule = rule;
  }

  /** An object to check: its identity and the apiVersion it was applied with. */
  public record Target(ObjectId id, String apiVersion) {}

  public void waitForCurrent(List<Target> targets, Duration timeout) {
    waitForCurrent(targets, timeout, CelHealthRules.NONE);
  }

  /** As {@link #waitForCurrent(List, Duration)}, with {@code rules} deciding the objects they match. */
  public void waitForCurrent(List<Target> targets, Duration timeout, CelHealthRules rules) {
    waitForCurrent(targets, timeout, rules, Optional::empty);
  }

  /**
   * As {@link #waitForCurrent(List, Duration, CelHealthRules)}, and ends early with a
   * {@link CanceledException} carrying {@code newRevision}'s reason as soon as it gives one (checked
   * after each poll that found an object not ready).
   */
  public void waitForCurrent(List<Target> targets, Duration timeout, CelHealthRules rules,
      Supplier<Optional<String>> newRevision) {
    Map<String, String> notReady = new LinkedHashMap<>();
    boolean current = poller.await(timeout, () -> {
      notReady.clear();
      for (Target t : targets) {
        Map<String, Object> live = live(t);
        HealthStatus s;
        try {
          s = rules.statusOf(t.id(), live).orElseGet(() -> rule.apply(live));
        } catch (CelExpression.EvaluationException e) {
          notReady.put(t.id().subject(), "Unknown': " + e.getMessage());
          continue;
        }
        if (s == HealthStatus.FAILED) {
          throw new HealthCheckException(t.id().subject() + " status: 'Failed'");
        }
        if (s != HealthStatus.CURRENT) {
          notReady.put(t.id().subject(), label(s) + "'");
        }
      }
      if (notReady.isEmpty()) {
        return true;
      }
      newRevision.get().ifPresent(reason -> {
        throw new CanceledException("health check canceled: " + reason + " arrived while waiting for "
            + String.join(", ", notReady.keySet()));
      });
      return false;
    });
    if (!current) {
      List<String> lines = new ArrayList<>();
      notReady.forEach((id, s) -> lines.add(id + " status: '" + s));
      throw new HealthCheckException("timeout waiting for: [" + String.join(", ", lines) + "]");
    }
  }

  private Map<String, Object> live(Target t) {
    var op = client.genericKubernetesResources(t.apiVersion(), t.id().kind());
    GenericKubernetesResource r = t.id().clusterScoped()
        ? op.withName(t.id().name()).get()
        : op.inNamespace(t.id().namespace()).withName(t.id().name()).get();
    if (r == null) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>(r.getAdditionalProperties());
    map.put("apiVersion", r.getApiVersion());
    map.put("kind", r.getKind());
    map.put("metadata", io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(r.getMetadata(), Map.class));
    return map;
  }

  private static String label(HealthStatus s) {
    return switch (s) {
      case IN_PROGRESS -> "InProgress";
      case TERMINATING -> "Terminating";
      case NOT_FOUND -> "NotFound";
      case FAILED -> "Failed";
      case CURRENT -> "Current";
    };
  }

  /** The health check failed; the message names each object and its status. */
  public static final class HealthCheckException extends RuntimeException {
    public HealthCheckException(String message) {
      super(message);
    }
  }

  /** The wait was ended by a new revision to apply: nothing failed, the next run decides. */
  public static final class CanceledException extends RuntimeException {
    public CanceledException(String message) {
      super(message);
    }
  }
}
