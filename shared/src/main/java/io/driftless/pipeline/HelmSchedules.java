package io.driftless.pipeline;

import io.driftless.helm.reconcile.RetryStrategy;
import io.driftless.model.Durations;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * When a HelmRelease is due on its own schedule (helm.md §1.5), whatever its parent Kustomization's
 * interval: never reconciled, or {@code spec.interval} since its last reconcile; when that reconcile
 * left a failed install or upgrade to retry under the {@code RetryOnFailure} strategy, the strategy's
 * {@code retryInterval} (5m when unset) instead, as helm-controller requeues it. helm-controller adds
 * jitter to the requeue; a schedule tick has none.
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
    Duration wait = RetryStrategy.pending(hr, rec.status()).orElseGet(() -> Durations.parse(hr.spec().interval()));
    return !Instant.parse(rec.lastReconciledAt()).plus(wait).isAfter(now);
  }
}
