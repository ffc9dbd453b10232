package io.driftless.pipeline;

import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.ConcurrentUpdateException;
import io.driftless.record.HelmRecord;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Records on a HelmRepository's or OCIRepository's work item what its last successful fetch stored,
 * as source-controller's status does (Ready, "stored artifact: revision '…'"), for {@code driftless
 * get sources helm|oci}. Written only when the revision changes; a write lost to a concurrent run is
 * left to that run, and a failed write never fails the release.
 */
final class HelmSourceStatus {
  private static final Logger LOG = Logger.getLogger(HelmSourceStatus.class.getName());

  private HelmSourceStatus() {}

  /** {@code revision} is the index digest, the OCI artifact revision, or empty for an OCI HelmRepository. */
  static void fetched(ReconcileContext ctx, HelmRecord source, String revision) {
    HelmReleaseStatus status = source.status() == null ? new HelmReleaseStatus() : source.status();
    String stored = revision == null ? "" : revision;
    if (status.isReady() && stored.equals(Optional.ofNullable(status.getLastAttemptedRevision()).orElse(""))) {
      return;
    }
    status.setLastAttemptedRevision(stored);
    String message = stored.isEmpty() ? "Helm repository is Ready" : "stored artifact: revision '" + stored + "'";
    status.setCondition(Condition.READY, Condition.TRUE, "Succeeded", message, ctx.clock().instant().toString());
    SourceEvents.helmFetched(ctx, source, stored, message);
    try {
      ctx.store().putHelmStatus(source.cluster(), source.key(), status, source.version());
    } catch (ConcurrentUpdateException e) {
      LOG.fine(source.key() + ": source status written by another run");
    } catch (RuntimeException e) {
      LOG.warning(source.key() + " on cluster " + source.cluster() + ": source status not recorded: " + e.getMessage());
    }
  }
}
