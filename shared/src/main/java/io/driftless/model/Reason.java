package io.driftless.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Flux's condition reasons (flux.md §1.2): one per failing stage, plus the progress and success ones.
 * {@link #flux()} is the word written into a condition, exactly as kustomize-controller writes it.
 */
public enum Reason {
  RECONCILIATION_SUCCEEDED("ReconciliationSucceeded"),
  PROGRESSING("Progressing"),
  PROGRESSING_WITH_RETRY("ProgressingWithRetry"),
  ARTIFACT_FAILED("ArtifactFailed"),
  BUILD_FAILED("BuildFailed"),
  RECONCILIATION_FAILED("ReconciliationFailed"),
  PRUNE_FAILED("PruneFailed"),
  HEALTH_CHECK_FAILED("HealthCheckFailed"),
  DEPENDENCY_NOT_READY("DependencyNotReady"),
  HEALTH_CHECK_CANCELED("HealthCheckCanceled"),
  INVALID_CEL_EXPRESSION("InvalidCELExpression"),
  ACCESS_DENIED("AccessDenied"),
  FEATURE_GATE_DISABLED("FeatureGateDisabled"),
  SUSPENDED("Suspended"),
  /** helm-controller's Released reasons and the Ready reasons of a HelmRelease. */
  INSTALL_SUCCEEDED("InstallSucceeded"),
  UPGRADE_SUCCEEDED("UpgradeSucceeded"),
  INSTALL_FAILED("InstallFailed"),
  UPGRADE_FAILED("UpgradeFailed"),
  UNINSTALL_SUCCEEDED("UninstallSucceeded"),
  UNINSTALL_FAILED("UninstallFailed"),
  ROLLBACK_SUCCEEDED("RollbackSucceeded"),
  ROLLBACK_FAILED("RollbackFailed"),
  TEST_SUCCEEDED("TestSucceeded"),
  TEST_FAILED("TestFailed"),
  AWAITING_TESTS("AwaitingTests"),
  /** helm-controller's Stalled reasons. */
  RETRIES_EXCEEDED("RetriesExceeded"),
  MISSING_ROLLBACK_TARGET("MissingRollbackTarget"),
  VALUES_ERROR("ValuesError"),
  /**
   * helm-controller's drift event reasons, carried by Ready after an in-sync reconcile; DriftDetected
   * (and the not-Flux NoDrift) also for a detect-only Kustomization ({@code driftless.io/drift: detect}).
   */
  DRIFT_DETECTED("DriftDetected"),
  DRIFT_CORRECTED("DriftCorrected"),
  DRIFT_CORRECTION_FAILED("DriftCorrectionFailed"),
  NO_DRIFT("NoDrift"),
  /** Not Flux's: another run held the Kustomization's lease for longer than a run waits. */
  LOCKED("Locked");

  private final String flux;

  Reason(String flux) {
    this.flux = flux;
  }

  /** The reason as a condition carries it, e.g. {@code BuildFailed}. */
  @JsonValue
  public String flux() {
    return flux;
  }

  /** The reason a condition carries; {@link #PROGRESSING} for none or one Driftless never writes. */
  @JsonCreator
  public static Reason of(String flux) {
    return Arrays.stream(values()).filter(r -> r.flux.equals(flux)).findFirst().orElse(PROGRESSING);
  }

  @Override
  public String toString() {
    return flux;
  }
}
