package io.driftless.helm.release;

/** Helm's release statuses ({@code helm.sh/helm/v3/pkg/release/status.go}), with their stored names. */
public enum ReleaseStatus {
  UNKNOWN("unknown"),
  DEPLOYED("deployed"),
  UNINSTALLED("uninstalled"),
  SUPERSEDED("superseded"),
  FAILED("failed"),
  UNINSTALLING("uninstalling"),
  PENDING_INSTALL("pending-install"),
  PENDING_UPGRADE("pending-upgrade"),
  PENDING_ROLLBACK("pending-rollback");

  private final String stored;

  ReleaseStatus(String stored) {
    this.stored = stored;
  }

  /** The name in the release JSON and in the Secret's {@code status} label. */
  public String stored() {
    return stored;
  }

  /** True for the states another Helm operation holds: helm-controller unlocks these when stale. */
  public boolean isPending() {
    return this == PENDING_INSTALL || this == PENDING_UPGRADE || this == PENDING_ROLLBACK;
  }

  /** The status for a stored name; a name Helm does not know (or none) reads as {@link #UNKNOWN}. */
  public static ReleaseStatus ofStored(String name) {
    for (ReleaseStatus status : values()) {
      if (status.stored.equals(name)) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
