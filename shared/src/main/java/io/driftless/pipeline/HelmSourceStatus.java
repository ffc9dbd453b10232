package io.driftless.pipeline;

import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.ConcurrentUpdateException;
import io.driftless.record.HelmRecord;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Records on a Helm source's work item (HelmRepository, OCIRepository, HelmChart) what its last fetch
 * stored, as source-controller's status does (Ready, "stored artifact: revision '…'"), or why it
 * failed (Ready=False), for {@code driftless get sources helm|oci|chart}. A new revision restarts
 * Ready's transition time: the HelmReleases using the source are due from then ({@link
 * HelmSchedules#sourceMoved}). A write lost to a concurrent run is left to that run, and a failed write
 * never fails the fetch.
 */
final class HelmSourceStatus {
  private static final Logger LOG = Logger.getLogger(HelmSourceStatus.class.getName());
  /** source-controller's condition on a source whose signature it checks. */
  static final String SOURCE_VERIFIED = "SourceVerified";
  /** source-controller's reason for an artifact whose signature does not verify. */
  static final String VERIFICATION_ERROR = "VerificationError";

  private HelmSourceStatus() {}

  /**
   * A HelmRelease's run fetched the source: written only when the revision changes. {@code revision} is
   * the index digest, the OCI artifact revision, or empty for an OCI HelmRepository.
   */
  static void fetched(ReconcileContext ctx, HelmRecord source, String revision) {
    stored(ctx, source, revision, "Succeeded", message(revision), false);
  }

  static String message(String revision) {
    return revision == null || revision.isEmpty() ? "Helm repository is Ready" : "stored artifact: revision '" + revision + "'";
  }

  /**
   * The source stored {@code revision} ({@code reason} and {@code message} as its Ready says); written
   * always when {@code always} (its own fetch, which its interval counts from), else only when the
   * revision changed. Returns whether the revision changed.
   */
  static boolean stored(ReconcileContext ctx, HelmRecord source, String revision, String reason, String message,
      boolean always) {
    return stored(ctx, source, revision, reason, message, always, null);
  }

  /**
   * As {@link #stored(ReconcileContext, HelmRecord, String, String, String, boolean)}; a {@code verified}
   * message (the artifact's signature was checked) sets SourceVerified=True with it, as source-controller does.
   */
  static boolean stored(ReconcileContext ctx, HelmRecord source, String revision, String reason, String message,
      boolean always, String verified) {
    HelmReleaseStatus status = source.status() == null ? new HelmReleaseStatus() : source.status();
    String stored = revision == null ? "" : revision;
    boolean moved = !stored.equals(Optional.ofNullable(status.getLastAttemptedRevision()).orElse(""))
        || status.getLastAttemptedRevision() == null;
    if (status.isReady() && !moved && !always) {
      return false;
    }
    if (moved) {
      status.removeCondition(Condition.READY); // a new artifact: Ready's time says since when
      SourceEvents.helmFetched(ctx, source, stored, message);
    }
    status.setLastAttemptedRevision(stored);
    status.setCondition(Condition.READY, Condition.TRUE, reason, message, ctx.clock().instant().toString());
    if (verified != null) {
      status.setCondition(SOURCE_VERIFIED, Condition.TRUE, "Succeeded", verified, ctx.clock().instant().toString());
    }
    write(ctx, source, status);
    return moved;
  }

  /** The source's own fetch failed: Ready=False with source-controller's {@code reason}, the revision kept. */
  static void failed(ReconcileContext ctx, HelmRecord source, String reason, String message) {
    HelmReleaseStatus status = source.status() == null ? new HelmReleaseStatus() : source.status();
    if (status.isReady() || status.condition(Condition.READY).map(c -> !c.message().equals(message)).orElse(true)) {
      SourceEvents.helmFailed(ctx, source, reason, message);
    }
    status.setCondition(Condition.READY, Condition.FALSE, reason, message, ctx.clock().instant().toString());
    if (VERIFICATION_ERROR.equals(reason)) {
      status.setCondition(SOURCE_VERIFIED, Condition.FALSE, reason, message, ctx.clock().instant().toString());
    }
    write(ctx, source, status);
  }

  private static void write(ReconcileContext ctx, HelmRecord source, HelmReleaseStatus status) {
    try {
      ctx.store().putHelmStatus(source.cluster(), source.key(), status, source.version());
    } catch (ConcurrentUpdateException e) {
      LOG.fine(source.key() + ": source status written by another run");
    } catch (RuntimeException e) {
      LOG.warning(source.key() + " on cluster " + source.cluster() + ": source status not recorded: " + e.getMessage());
    }
  }
}
