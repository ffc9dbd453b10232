package io.driftless.pipeline;

import io.driftless.helm.reconcile.RetryStrategy;
import io.driftless.model.Condition;
import io.driftless.model.Durations;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.record.HelmRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * When a HelmRelease is due on its own schedule (helm.md §1.5), whatever its parent Kustomization's
 * interval: never reconciled, or {@code spec.interval} since its last reconcile; when that reconcile
 * left a failed install or upgrade to retry under the {@code RetryOnFailure} strategy, the strategy's
 * {@code retryInterval} (5m when unset) instead, as helm-controller requeues it. It is due as well
 * once the source its chart comes from stored a new revision after its last reconcile ({@link
 * #sourceMoved}), as helm-controller reconciles on a new chart artifact. helm-controller adds jitter
 * to the requeue; a schedule tick has none.
 */
final class HelmSchedules {
  private HelmSchedules() {}

  static boolean isDue(HelmRecord rec, HelmRelease hr, Instant now) {
    return nextDue(rec, hr).filter(at -> !at.isAfter(now)).isPresent();
  }

  /** As {@link #isDue(HelmRecord, HelmRelease, Instant)}, or its source moved ({@code helm}: the cluster's Helm records by key). */
  static boolean isDue(HelmRecord rec, HelmRelease hr, Instant now, Map<String, HelmRecord> helm) {
    return isDue(rec, hr, now) || !hr.spec().suspended() && sourceMoved(rec, hr, helm);
  }

  /**
   * When the HelmRelease is next due on its own schedule: at once when never reconciled, else its last
   * reconcile plus {@code interval}, or the RetryOnFailure strategy's {@code retryInterval} while a retry is pending;
   * empty while suspended. The one place a release's next run is decided.
   */
  static Optional<Instant> nextDue(HelmRecord rec, HelmRelease hr) {
    if (hr.spec().suspended()) {
      return Optional.empty();
    }
    if (rec.lastReconciledAt() == null || rec.status() == null) {
      return Optional.of(Instant.EPOCH);
    }
    Duration wait = RetryStrategy.pending(hr, rec.status()).orElseGet(() -> Durations.parse(hr.spec().interval()));
    return Optional.of(Instant.parse(rec.lastReconciledAt()).plus(wait));
  }

  /** Whether the source of the release's chart became Ready with a new revision after the release's last reconcile. */
  static boolean sourceMoved(HelmRecord rec, HelmRelease hr, Map<String, HelmRecord> helm) {
    if (rec.lastReconciledAt() == null) {
      return false; // due anyway
    }
    Instant last = Instant.parse(rec.lastReconciledAt());
    return sourceKey(hr).map(helm::get).map(HelmRecord::status)
        .flatMap(s -> s.condition(Condition.READY)).filter(Condition::isTrue)
        .filter(c -> c.lastTransitionTime() != null && !c.lastTransitionTime().isEmpty())
        .filter(c -> Instant.parse(c.lastTransitionTime()).isAfter(last))
        .isPresent();
  }

  /** The Helm record key of the source the release's chart comes from: {@code chartRef}, or {@code chart.spec.sourceRef}. */
  static Optional<String> sourceKey(HelmRelease hr) {
    if (hr.spec().chartRef() != null) {
      HelmRelease.CrossNamespaceRef ref = hr.spec().chartRef();
      return Optional.of(HelmRecord.keyOf(ref.kind(), ref.namespaceOr(hr.namespace()), ref.name()));
    }
    if (hr.spec().chart() != null && hr.spec().chart().spec() != null
        && hr.spec().chart().spec().sourceRef() != null
        && HelmRepository.KIND.equals(hr.spec().chart().spec().sourceRef().kind())) {
      HelmRelease.CrossNamespaceRef ref = hr.spec().chart().spec().sourceRef();
      return Optional.of(HelmRecord.keyOf(ref.kind(), ref.namespaceOr(hr.namespace()), ref.name()));
    }
    return Optional.empty();
  }
}
