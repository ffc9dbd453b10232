package io.driftless.helm.reconcile;

import io.driftless.model.Condition;
import io.driftless.model.Durations;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code RetryOnFailure} strategy of {@code spec.install.strategy} or {@code spec.upgrade.strategy}
 * (helm.md §1.7; helm-controller {@code GetActiveRetry}): in force when the action last attempted has it.
 * A failed install or upgrade is then never remediated (no rollback, no uninstall, {@code remediation.*}
 * unused) but retried as an upgrade every {@code retryInterval} (5m when unset), with
 * {@code Reconciling=True ProgressingWithRetry} "retrying after 5m0s" meanwhile.
 */
public final class RetryStrategy {
  public static final String RETRY_ON_FAILURE = "RetryOnFailure";
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private RetryStrategy() {}

  /** The retry interval when the strategy of the action last attempted is RetryOnFailure. */
  public static Optional<Duration> active(HelmRelease hr, HelmReleaseStatus status) {
    String last = status.getLastAttemptedReleaseAction();
    return last == null ? Optional.empty() : of(hr, "install".equals(last));
  }

  /**
   * How long after its last reconcile the HelmRelease is due again when that reconcile left a failure
   * to retry under RetryOnFailure; empty otherwise.
   */
  public static Optional<Duration> pending(HelmRelease hr, HelmReleaseStatus status) {
    boolean retrying = status.condition(Condition.RECONCILING)
        .filter(c -> c.isTrue() && Reason.PROGRESSING_WITH_RETRY.flux().equals(c.reason())).isPresent();
    return retrying ? active(hr, status) : Optional.empty();
  }

  static Optional<Duration> of(HelmRelease hr, boolean install) {
    HelmRelease.Spec s = hr.spec();
    HelmRelease.Strategy strategy = install
        ? (s.install() == null ? null : s.install().strategy())
        : (s.upgrade() == null ? null : s.upgrade().strategy());
    if (strategy == null || !RETRY_ON_FAILURE.equals(strategy.name())) {
      return Optional.empty();
    }
    return Optional.of(Durations.parseOr(strategy.retryInterval(), DEFAULT_INTERVAL));
  }
}
