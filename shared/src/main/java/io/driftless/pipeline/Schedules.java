package io.driftless.pipeline;

import io.driftless.model.Condition;
import io.driftless.model.Durations;
import io.driftless.model.HistoryEntry;
import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.KustomizationRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * When a Kustomization is due: a new source revision, or {@code interval} since the last full apply
 * (drift correction: a push that found the build unchanged does not postpone it), or
 * {@code retryInterval} since a failure. Without a recorded full apply, the last run is the latest of
 * the history and the last status write ({@code lastReconciledAt}), so a failure that left no history
 * entry still waits its retryInterval.
 */
final class Schedules {
  private Schedules() {}

  static boolean needsRun(KustomizationRecord rec, String revision, Kustomization ks, Instant now) {
    KustomizationStatus s = status(rec);
    if (!revision.equals(s.getLastAttemptedRevision())) {
      return true;
    }
    return isDue(rec, ks, now);
  }

  /** Whether the drift check (or, after a failure, the retry) is due, whatever the revision. */
  static boolean isDue(KustomizationRecord rec, Kustomization ks, Instant now) {
    KustomizationStatus s = status(rec);
    Duration interval = Durations.parse(ks.spec().interval());
    if (s.isReady() && rec.applied() != null && rec.applied().appliedAt() != null) {
      return !Instant.parse(rec.applied().appliedAt()).plus(interval).isAfter(now);
    }
    String lastReconciledAt = rec.lastReconciledAt();
    Instant last = lastRun(s);
    if (lastReconciledAt != null && (last == null || Instant.parse(lastReconciledAt).isAfter(last))) {
      last = Instant.parse(lastReconciledAt);
    }
    if (last == null) {
      return true;
    }
    Duration wait = s.isReady() ? interval : Durations.parseOr(ks.spec().retryInterval(), interval);
    return !last.plus(wait).isAfter(now);
  }

  private static KustomizationStatus status(KustomizationRecord rec) {
    return rec.status() == null ? new KustomizationStatus() : rec.status();
  }

  private static Instant lastRun(KustomizationStatus s) {
    Instant last = null;
    for (HistoryEntry h : s.getHistory()) {
      Instant t = Instant.parse(h.lastReconciled());
      last = last == null || t.isAfter(last) ? t : last;
    }
    String ready = s.condition(Condition.READY).map(Condition::lastTransitionTime).orElse(null);
    if (last == null && ready != null) {
      last = Instant.parse(ready);
    }
    return last;
  }
}
