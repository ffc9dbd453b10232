package io.driftless.helm.reconcile;

import io.driftless.helm.action.RenderDigests;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import java.util.Optional;

/**
 * The state of a release before each action (helm.md §2.2; helm-controller {@code DetermineReleaseState}).
 * Driftless's snapshots carry no digest of the stored release, so "unmanaged" means the newest stored
 * revision is not the one this HelmRelease last recorded (a manual {@code helm upgrade} or
 * {@code helm rollback}, or a revision a function that died never recorded).
 */
public enum ReleaseState {
  ABSENT,
  LOCKED,
  UNMANAGED,
  FAILED,
  OUT_OF_SYNC,
  UNTESTED,
  IN_SYNC;

  /**
   * What the chart and values to release are, whether tests count, and the render settings
   * (postRenderers, commonMetadata, valuesFiles) the release must have been made with.
   */
  public record Wanted(String chartName, String chartVersion, String configDigest, boolean testsOn, boolean testsCount,
      RenderDigests render) {}

  public static ReleaseState of(Optional<StoredRelease> latest, HelmReleaseStatus status, Wanted wanted) {
    if (latest.isEmpty() || latest.get().status() == ReleaseStatus.UNINSTALLED) {
      return ABSENT;
    }
    StoredRelease release = latest.get();
    if (release.status().isPending()) {
      return LOCKED;
    }
    Optional<HelmReleaseStatus.ReleaseSnapshot> snapshot = status.latest();
    if (snapshot.isEmpty() || snapshot.get().version() != release.version()) {
      return UNMANAGED;
    }
    if (release.status() == ReleaseStatus.FAILED
        || wanted.testsOn() && wanted.testsCount() && snapshot.get().testsFailed()) {
      return FAILED;
    }
    if (release.status() != ReleaseStatus.DEPLOYED) {
      return UNMANAGED;
    }
    if (!release.chartName().equals(wanted.chartName())
        || !snapshot.get().chartVersion().equals(wanted.chartVersion())
        || !snapshot.get().configDigest().equals(wanted.configDigest())
        || !wanted.render().unchanged(status)) {
      return OUT_OF_SYNC;
    }
    if (wanted.testsOn() && !snapshot.get().hasTestResults()) {
      return UNTESTED;
    }
    return IN_SYNC;
  }
}
