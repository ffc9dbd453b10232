package io.driftless.apply;

import io.driftless.cel.CelExpression;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code healthCheckExprs} of a Kustomization or HelmRelease, as Flux's CEL status reader applies them (fluxcd/pkg
 * {@code runtime/cel/status_reader.go}, {@code status_evaluator.go}): a rule matches objects by the
 * group of its {@code apiVersion} (never the version) and its {@code kind} (every kind of the group when
 * it names none), and replaces kstatus's rules for them. The object's top-level fields are the
 * variables. A {@code status.observedGeneration} behind {@code metadata.generation} is InProgress; then
 * {@code inProgress}, {@code failed} and {@code current} are evaluated in that order and the first that
 * holds decides; when none holds the object is InProgress.
 */
public final class CelHealthRules {
  public static final CelHealthRules NONE = new CelHealthRules(Map.of());

  private final Map<String, Rule> byGroupKind;

  private CelHealthRules(Map<String, Rule> byGroupKind) {
    this.byGroupKind = byGroupKind;
  }

  private record Rule(CelExpression inProgress, CelExpression failed, CelExpression current) {}

  /**
   * The rules, each expression parsed; an invalid one is refused with Flux's message naming its entry
   * and the expression ({@link CelExpression.InvalidExpressionException}).
   */
  public static CelHealthRules of(List<Kustomization.HealthCheckExpr> exprs) {
    if (exprs == null || exprs.isEmpty()) {
      return NONE;
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (int i = 0; i < exprs.size(); i++) {
      Kustomization.HealthCheckExpr e = exprs.get(i);
      String group = group(e.apiVersion());
      String kind = e.kind() == null ? "" : e.kind();
      String key = key(group, kind);
      if (rules.containsKey(key)) {
        String groupKind = kind.isEmpty() ? group : group.isEmpty() ? kind : kind + "." + group;
        throw new CelExpression.InvalidExpressionException(
            "duplicate custom health check for GroupKind " + groupKind + " at healthchecks[" + i + "]");
      }
      String at = "failed to create custom status evaluator for healthchecks[" + i + "]: ";
      if (e.current() == null || e.current().isEmpty()) {
        throw new CelExpression.InvalidExpressionException(at + "expression Current not specified");
      }
      rules.put(key, new Rule(parse(at, "InProgress", e.inProgress()), parse(at, "Failed", e.failed()),
          parse(at, "Current", e.current())));
    }
    return new CelHealthRules(rules);
  }

  /**
   * The verdict of the rule matching {@code id}'s group and kind on its live object; empty when no rule
   * matches (kstatus decides). An expression that cannot be evaluated on the object (a field it does not
   * have yet) throws {@link CelExpression.EvaluationException}: the status is unknown for now.
   */
  public Optional<HealthStatus> statusOf(ObjectId id, Map<String, Object> live) {
    Rule rule = byGroupKind.get(key(id.group(), id.kind()));
    if (rule == null) {
      rule = byGroupKind.get(key(id.group(), ""));
    }
    if (rule == null) {
      return Optional.empty();
    }
    if (live == null) {
      return Optional.of(HealthStatus.NOT_FOUND);
    }
    if (generationNotObserved(live)) {
      return Optional.of(HealthStatus.IN_PROGRESS);
    }
    List<Map.Entry<CelExpression, HealthStatus>> order = new ArrayList<>();
    add(order, rule.inProgress(), HealthStatus.IN_PROGRESS);
    add(order, rule.failed(), HealthStatus.FAILED);
    add(order, rule.current(), HealthStatus.CURRENT);
    for (Map.Entry<CelExpression, HealthStatus> e : order) {
      if (e.getKey().evaluateBoolean(live)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.of(HealthStatus.IN_PROGRESS);
  }

  private static void add(List<Map.Entry<CelExpression, HealthStatus>> order, CelExpression e, HealthStatus s) {
    if (e != null) {
      order.add(Map.entry(e, s));
    }
  }

  /** Flux's built-in check, only when both fields are integers (some CRDs type them as strings). */
  private static boolean generationNotObserved(Map<String, Object> live) {
    Object observed = live.get("status") instanceof Map<?, ?> s ? s.get("observedGeneration") : null;
    Object generation = live.get("metadata") instanceof Map<?, ?> m ? m.get("generation") : null;
    return isInteger(observed) && isInteger(generation)
        && !Objects.equals(((Number) observed).longValue(), ((Number) generation).longValue());
  }

  private static boolean isInteger(Object o) {
    return o instanceof Long || o instanceof Integer || o instanceof java.math.BigInteger;
  }

  private static CelExpression parse(String at, String name, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return CelExpression.parse(text);
    } catch (CelExpression.InvalidExpressionException e) {
      throw new CelExpression.InvalidExpressionException(at + "failed to parse the expression " + name + ": " + e.getMessage());
    }
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }

  private static String group(String apiVersion) {
    return apiVersion == null || !apiVersion.contains("/") ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
  }
}
