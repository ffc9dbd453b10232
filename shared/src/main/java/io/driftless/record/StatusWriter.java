package io.driftless.record;

import io.driftless.model.KustomizationStatus;
import io.driftless.model.helm.HelmReleaseStatus;
import java.time.Duration;

/** A reconcile's status written back to its work item, with a conditional write. One role of the {@link StateStore}. */
public interface StatusWriter {
  /** As {@link #putStatus}, for a HelmRelease work item. */
  default long putHelmStatus(String cluster, String key, HelmReleaseStatus status, long expectedVersion) {
    return putHelmStatus(cluster, key, status, expectedVersion, null);
  }

  /**
   * As {@link #putHelmStatus(String, String, HelmReleaseStatus, long)}, in the same write counting a
   * reconcile that took {@code took} into the item's {@link ReconcileDurations}; null counts nothing
   * (a progress write).
   */
  long putHelmStatus(String cluster, String key, HelmReleaseStatus status, long expectedVersion, Duration took);

  /**
   * Writes the status if the record's version is still {@code expectedVersion}; returns the new
   * version. Throws {@link ConcurrentUpdateException} when someone else wrote in between.
   */
  default long putStatus(String cluster, String key, KustomizationStatus status, long expectedVersion) {
    return putStatus(cluster, key, status, expectedVersion, null);
  }

  /**
   * As {@link #putStatus(String, String, KustomizationStatus, long)}, in the same write recording
   * {@code applied} (a full apply succeeded); null keeps what was recorded before.
   */
  default long putStatus(String cluster, String key, KustomizationStatus status, long expectedVersion, AppliedState applied) {
    return putStatus(cluster, key, status, expectedVersion, applied, null);
  }

  /**
   * As {@link #putStatus(String, String, KustomizationStatus, long, AppliedState)}, in the same write
   * counting a reconcile that took {@code took} into the item's {@link ReconcileDurations}; null
   * counts nothing.
   */
  long putStatus(String cluster, String key, KustomizationStatus status, long expectedVersion, AppliedState applied,
      Duration took);
}
