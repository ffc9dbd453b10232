package io.driftless.pipeline;

import io.driftless.apply.CelHealthRules;
import io.driftless.cel.CelExpression;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CEL fields of a Kustomization or HelmRelease ({@code healthCheckExprs}, {@code dependsOn[].readyExpr}),
 * checked before anything else runs, as Flux compiles them first: an invalid expression stalls the object
 * (Ready=False and Stalled=True, reason {@code InvalidCELExpression}, the expression in the message)
 * until Git changes it.
 */
final class CelFields {
  /** Flux's prefix for a failure no retry can fix (kustomize-controller {@code TerminalErrorMessage}). */
  static final String TERMINAL = "Reconciliation failed terminally due to configuration error: ";

  private CelFields() {}

  /** Every CEL expression of {@code ks} compiles; otherwise a stalling {@link StageFailure}. */
  static void check(Kustomization ks) {
    check(ks.spec().healthCheckExprs(), ks.spec().dependencies());
  }

  /** Every CEL expression of {@code hr} compiles; otherwise a stalling {@link StageFailure}. */
  static void check(HelmRelease hr) {
    check(hr.spec().healthCheckExprs(), hr.spec().dependencies());
  }

  private static void check(List<Kustomization.HealthCheckExpr> exprs, List<Kustomization.DependencyRef> deps) {
    healthRules(exprs);
    for (Kustomization.DependencyRef dep : deps) {
      if (dep.readyExpr() != null && !dep.readyExpr().isBlank()) {
        stallIfInvalid(() -> Dependencies.readyExpr(dep));
      }
    }
  }

  /** The health rules of {@code ks}'s {@code healthCheckExprs}; an invalid one is a stalling {@link StageFailure}. */
  static CelHealthRules healthRules(Kustomization ks) {
    return healthRules(ks.spec().healthCheckExprs());
  }

  private static CelHealthRules healthRules(List<Kustomization.HealthCheckExpr> exprs) {
    return stallIfInvalid(() -> CelHealthRules.of(exprs));
  }

  private static <T> T stallIfInvalid(Supplier<T> compile) {
    try {
      return compile.get();
    } catch (CelExpression.InvalidExpressionException e) {
      throw new StageFailure(Reason.INVALID_CEL_EXPRESSION, TERMINAL + e.getMessage(), e);
    }
  }
}
