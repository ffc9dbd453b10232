package io.driftless.pipeline;

import io.driftless.model.Condition;
import io.driftless.model.Durations;
import io.driftless.model.HistoryEntry;
import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When a Kustomization is due: a new source revision, or {@code interval} since the last run
 * (drift correction), or {@code retryInterval} since a failure. The last run is the latest of the
 * history and the last status write ({@code lastReconciledAt}), so a failure that left no history
 * entry still waits its retryInterval.
 */
final class Schedules {
  private Schedules() {}

  static boolean needsRun(KustomizationStatus s, String lastReconciledAt, String revision, Kustomization ks, Instant now) {
    if (!revision.equals(s.getLastAttemptedRevision())) {
      return true;
    }
    return isDue(s, lastReconciledAt, ks, now);
  }

  static boolean isDue(KustomizationStatus s, String lastReconciledAt, Kustomization ks, Instant now) {
    Instant last = lastRun(s);
    if (lastReconciledAt != null && (last == null || Instant.parse(lastReconciledAt).isAfter(last))) {
      last = Instant.parse(lastReconciledAt);
    }
    if (last == null) {
      return true;
    }
    Duration interval = Durations.parse(ks.spec().interval());
    Duration wait = s.isReady() ? interval : Durations.parseOr(ks.spec().retryInterval(), interval);
    return !last.plus(wait).isAfter(now);
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
