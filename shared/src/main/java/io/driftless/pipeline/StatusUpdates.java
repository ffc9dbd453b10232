package io.driftless.pipeline;

import io.driftless.model.Condition;
import io.driftless.model.Durations;
import io.driftless.model.HistoryEntry;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Flux's status transitions: progress, failure per stage, success, and the bounded history. */
final class StatusUpdates {
  private StatusUpdates() {}

  static void progressing(KustomizationStatus s, String message, Instant now) {
    s.setCondition(Condition.RECONCILING, Condition.TRUE, Reason.PROGRESSING.flux(), message, now.toString());
    if (s.condition(Condition.READY).isEmpty()) {
      s.setCondition(Condition.READY, Condition.UNKNOWN, Reason.PROGRESSING.flux(), "Reconciliation in progress", now.toString());
    }
  }

  static void failed(KustomizationStatus s, Reason reason, String message, Instant now) {
    s.setCondition(Condition.READY, Condition.FALSE, reason.flux(), message, now.toString());
    s.setCondition(
        Condition.RECONCILING, Condition.TRUE, Reason.PROGRESSING_WITH_RETRY.flux(), message, now.toString());
  }

  /** A failure no retry fixes (an invalid CEL expression): Ready=False and Stalled=True, not Reconciling. */
  static void stalled(KustomizationStatus s, Reason reason, String message, Instant now) {
    s.setCondition(Condition.READY, Condition.FALSE, reason.flux(), message, now.toString());
    s.setCondition(Condition.STALLED, Condition.TRUE, reason.flux(), message, now.toString());
    s.removeCondition(Condition.RECONCILING);
  }

  static void succeeded(KustomizationStatus s, String revision, Instant now) {
    s.setLastAppliedRevision(revision);
    s.setCondition(
        Condition.READY, Condition.TRUE, Reason.RECONCILIATION_SUCCEEDED.flux(), "Applied revision: " + revision, now.toString());
    s.removeCondition(Condition.RECONCILING);
    s.removeCondition(Condition.STALLED);
  }

  /**
   * Upserts a history entry keyed by (digest, status), keeping the newest {@link
   * KustomizationStatus#MAX_HISTORY}, as Flux does.
   */
  static void recordHistory(
      KustomizationStatus s, String digest, String revision, boolean ok, Instant started, Instant now) {
    if (digest == null) {
      return;
    }
    String result = ok ? "ReconciliationSucceeded" : "ReconciliationFailed";
    String took = Durations.format(Duration.between(started, now));
    List<HistoryEntry> history = new ArrayList<>(s.getHistory());
    HistoryEntry existing =
        history.stream()
            .filter(h -> h.digest().equals(digest) && h.lastReconciledStatus().equals(result))
            .findFirst()
            .orElse(null);
    history.remove(existing);
    HistoryEntry updated =
        new HistoryEntry(
            digest,
            existing == null ? now.toString() : existing.firstReconciled(),
            now.toString(),
            took,
            result,
            existing == null ? 1 : existing.totalReconciliations() + 1,
            Map.of("revision", revision));
    history.add(updated);
    history.sort(Comparator.comparing(HistoryEntry::lastReconciled).reversed());
    s.setHistory(history.subList(0, Math.min(history.size(), KustomizationStatus.MAX_HISTORY)));
  }
}
