package io.driftless.pipeline;

import io.driftless.model.Durations;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * When a HelmRelease is due on its own schedule (helm.md §1.5), whatever its parent Kustomization's
 * interval: never reconciled, or {@code spec.interval} since its last reconcile; after a failure with
 * the {@code RetryOnFailure} strategy, its {@code retryInterval} when that is set. helm-controller
 * adds jitter to the requeue; a schedule tick has none.
 */
final class HelmSchedules {
  private HelmSchedules() {}

  static boolean isDue(HelmRecord rec, HelmRelease hr, Instant now) {
    if (hr.spec().suspended()) {
      return false;
    }
    if (rec.lastReconciledAt() == null || rec.status() == null) {
      return true;
    }
    Duration interval = Durations.parse(hr.spec().interval());
    Duration wait = rec.status().isReady() ? interval
        : Durations.parseOr(retryInterval(hr, rec.status().getLastAttemptedReleaseAction()), interval);
    return !Instant.parse(rec.lastReconciledAt()).plus(wait).isAfter(now);
  }

  /** The {@code retryInterval} of the RetryOnFailure strategy of the action last attempted, if set. */
  private static String retryInterval(HelmRelease hr, String lastAction) {
    HelmRelease.Strategy strategy = "upgrade".equals(lastAction)
        ? (hr.spec().upgrade() == null ? null : hr.spec().upgrade().strategy())
        : (hr.spec().install() == null ? null : hr.spec().install().strategy());
    return strategy != null && "RetryOnFailure".equals(strategy.name()) ? strategy.retryInterval() : null;
  }
}
