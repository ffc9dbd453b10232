package io.driftless.pipeline;

import io.driftless.apply.ChangeSet;
import io.driftless.model.Condition;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.ConcurrentUpdateException;
import io.driftless.record.HelmRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Writes a HelmRelease's status, guarded by the record's version: {@link #progress} while an action
 * runs (so Reconciling=True is seen), {@link #write} once at the end, giving the outcome and sending the
 * run's events.
 */
final class HelmStatusWriter {
  private static final Logger LOG = Logger.getLogger(HelmStatusWriter.class.getName());
  private final ReconcileContext ctx;
  private final HelmRecord rec;
  private final Instant started;
  private final HelmReleaseEvents.Before before;
  private long version;

  HelmStatusWriter(ReconcileContext ctx, HelmRecord rec) {
    this.ctx = ctx;
    this.rec = rec;
    this.version = rec.version();
    this.started = ctx.clock().instant();
    this.before = HelmReleaseEvents.Before.of(rec);
  }

  /** Records the status so far; a concurrent write is only logged here, the final write reports it. */
  void progress(HelmReleaseStatus status) {
    try {
      version = ctx.store().putHelmStatus(rec.cluster(), rec.key(), status, version);
    } catch (ConcurrentUpdateException e) {
      LOG.warning(rec.key() + ": progress not recorded, the status was written by another run");
    }
  }

  /**
   * Records the final status and emits the run's events ({@link HelmReleaseEvents}); the write also
   * counts the time since this writer was made for {@code gotk_reconcile_duration_seconds}.
   */
  ReconcileOutcome write(HelmReleaseStatus status, ChangeSet changes) {
    new HelmReleaseEvents(ctx).finished(rec, before, status);
    try {
      ctx.store().putHelmStatus(rec.cluster(), rec.key(), status, version, Duration.between(started, ctx.clock().instant()));
    } catch (ConcurrentUpdateException e) {
      String message = rec.key() + ": status not recorded, it was written by another run: " + e.getMessage();
      LOG.warning(message);
      return new ReconcileOutcome(rec.cluster(), rec.key(), revision(status), false, Reason.RECONCILIATION_FAILED,
          message, changes);
    }
    Optional<Condition> ready = status.condition(Condition.READY);
    return new ReconcileOutcome(rec.cluster(), rec.key(), revision(status), status.isReady(),
        Reason.of(ready.map(Condition::reason).orElse(null)), ready.map(Condition::message).orElse(""), changes);
  }

  private static String revision(HelmReleaseStatus s) {
    return s.getLastAttemptedRevision() == null ? "" : s.getLastAttemptedRevision();
  }
}
