package io.driftless.helm.action;

import io.driftless.helm.release.StoredRelease;
import io.driftless.model.helm.HelmReleaseStatus;

/** The HelmRelease's {@code status.history} entry for a stored revision. */
public final class Snapshots {
  private Snapshots() {}

  /** The snapshot of {@code release}, written by {@code action} from {@code chartVersion} and the values' digest. */
  public static HelmReleaseStatus.ReleaseSnapshot of(StoredRelease release, String action, String chartVersion,
      String configDigest) {
    return new HelmReleaseStatus.ReleaseSnapshot("v2", release.name(), release.namespace(), release.version(),
        release.status().stored(), action, release.chartName(), chartVersion, release.appVersion(), configDigest,
        release.firstDeployed().toString(), release.lastDeployed().toString(), null);
  }
}
