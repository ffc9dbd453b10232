package io.driftless.pipeline;

import io.driftless.apply.ChangeSetEntry;
import java.util.logging.Logger;

/**
 * The log lines of a reconcile's outcome, the same whatever triggered it: one per change, as Flux's
 * events carry them ({@code Kind/namespace/name action}), then its status. Unchanged and skipped
 * objects are not logged, so a run that changed nothing logs only its status line.
 */
final class OutcomeLog {
  private static final Logger LOG = Logger.getLogger(OutcomeLog.class.getName());

  private OutcomeLog() {}

  static void log(ReconcileOutcome o) {
    for (ChangeSetEntry e : o.changes().changed()) {
      LOG.info("[change] " + o.cluster() + " " + o.kustomization() + " " + e.line());
    }
    String state = o.ready() ? "Ready" : "not ready: " + o.reason() + ": " + o.message();
    LOG.info("[status] " + o.cluster() + " " + o.kustomization() + " " + o.revision() + " " + state);
  }

  /** A Kustomization a push moved to its new revision without a build. */
  static void logMoved(ReconcileOutcome o) {
    LOG.info("[status] " + o.cluster() + " " + o.kustomization() + " " + o.revision()
        + " Ready (no path its build reads changed)");
  }
}
