package io.driftless.pipeline;

import io.driftless.apply.CelHealthRules;
import io.driftless.cel.CelExpression;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import java.util.function.Supplier;

/**
 * A Kustomization's CEL fields ({@code healthCheckExprs}, {@code dependsOn[].readyExpr}), checked before
 * anything else runs, as Flux compiles them first: an invalid expression stalls the Kustomization
 * (Ready=False and Stalled=True, reason {@code InvalidCELExpression}, the expression in the message)
 * until Git changes it.
 */
final class CelFields {
  /** Flux's prefix for a failure no retry can fix (kustomize-controller {@code TerminalErrorMessage}). */
  static final String TERMINAL = "Reconciliation failed terminally due to configuration error: ";

  private CelFields() {}

  /** Every CEL expression of {@code ks} compiles; otherwise a stalling {@link StageFailure}. */
  static void check(Kustomization ks) {
    healthRules(ks);
    for (Kustomization.DependencyRef dep : ks.spec().dependencies()) {
      if (dep.readyExpr() != null && !dep.readyExpr().isBlank()) {
        stallIfInvalid(() -> Dependencies.readyExpr(ks, dep));
      }
    }
  }

  /** The health rules of {@code healthCheckExprs}; an invalid one is a stalling {@link StageFailure}. */
  static CelHealthRules healthRules(Kustomization ks) {
    return stallIfInvalid(() -> CelHealthRules.of(ks.spec().healthCheckExprs()));
  }

  private static <T> T stallIfInvalid(Supplier<T> compile) {
    try {
      return compile.get();
    } catch (CelExpression.InvalidExpressionException e) {
      throw new StageFailure(Reason.INVALID_CEL_EXPRESSION, TERMINAL + e.getMessage(), e);
    }
  }
}
