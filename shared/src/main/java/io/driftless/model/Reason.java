package io.driftless.model;

/** Flux's condition reasons (flux.md §1.2), one per failing stage plus the progress and success ones. */
public final class Reason {
  public static final String RECONCILIATION_SUCCEEDED = "ReconciliationSucceeded";
  public static final String PROGRESSING = "Progressing";
  public static final String PROGRESSING_WITH_RETRY = "ProgressingWithRetry";
  public static final String ARTIFACT_FAILED = "ArtifactFailed";
  public static final String BUILD_FAILED = "BuildFailed";
  public static final String RECONCILIATION_FAILED = "ReconciliationFailed";
  public static final String PRUNE_FAILED = "PruneFailed";
  public static final String HEALTH_CHECK_FAILED = "HealthCheckFailed";
  public static final String DEPENDENCY_NOT_READY = "DependencyNotReady";
  public static final String HEALTH_CHECK_CANCELED = "HealthCheckCanceled";
  public static final String INVALID_CEL_EXPRESSION = "InvalidCELExpression";
  public static final String ACCESS_DENIED = "AccessDenied";
  public static final String FEATURE_GATE_DISABLED = "FeatureGateDisabled";
  public static final String SUSPENDED = "Suspended";

  private Reason() {}
}
