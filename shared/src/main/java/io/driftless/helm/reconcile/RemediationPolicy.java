package io.driftless.helm.reconcile;

import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;

/**
 * The remediation in force for a HelmRelease (helm.md §1.7; helm-controller {@code GetActiveRemediation}):
 * the {@code install} one after an install was last attempted, else the {@code upgrade} one, with
 * helm-controller's defaults (0 retries; {@code ignoreTestFailures} from {@code test.ignoreFailures};
 * {@code remediateLastFailure} false for install and {@code retries > 0} for upgrade; install always
 * remediates by uninstall, upgrade by {@code rollback} unless {@code uninstall}). Retries are exhausted
 * when {@code retries >= 0 && failures > retries}, counting installFailures or upgradeFailures.
 */
public record RemediationPolicy(
    boolean install, int retries, boolean remediateLastFailure, boolean ignoreTestFailures, String strategy) {

  static final String ROLLBACK = "rollback";
  static final String UNINSTALL = "uninstall";

  public static RemediationPolicy of(HelmRelease hr, HelmReleaseStatus status) {
    return of(hr, "install".equals(status.getLastAttemptedReleaseAction()));
  }

  static RemediationPolicy of(HelmRelease hr, boolean install) {
    HelmRelease.Spec s = hr.spec();
    boolean testsIgnored = s.test() != null && Boolean.TRUE.equals(s.test().ignoreFailures());
    HelmRelease.Remediation r = install
        ? (s.install() == null ? null : s.install().remediation())
        : (s.upgrade() == null ? null : s.upgrade().remediation());
    int retries = r == null || r.retries() == null ? 0 : r.retries();
    boolean ignoreTests = r == null || r.ignoreTestFailures() == null ? testsIgnored : r.ignoreTestFailures();
    boolean last = r == null || r.remediateLastFailure() == null ? !install && retries > 0 : r.remediateLastFailure();
    String strategy = install || r == null || r.strategy() == null ? (install ? UNINSTALL : ROLLBACK) : r.strategy();
    return new RemediationPolicy(install, retries, last, ignoreTests, strategy);
  }

  /**
   * Resets the failure counters when the HelmRelease, the chart version or the values differ from the
   * last attempt (helm-controller {@code MustResetFailures}), so a stalled release is tried again.
   */
  public static void resetFailuresIfChanged(HelmReleaseStatus s, String specDigest, String chartVersion, String configDigest) {
    boolean changed = !specDigest.equals(s.getLastAttemptedSpecDigest())
        || !chartVersion.equals(s.getLastAttemptedRevision())
        || !configDigest.equals(s.getLastAttemptedConfigDigest());
    if (changed) {
      s.setFailures(0);
      s.setInstallFailures(0);
      s.setUpgradeFailures(0);
    }
  }

  int failureCount(HelmReleaseStatus s) {
    return install ? s.getInstallFailures() : s.getUpgradeFailures();
  }

  void incrementFailureCount(HelmReleaseStatus s) {
    if (install) {
      s.setInstallFailures(s.getInstallFailures() + 1);
    } else {
      s.setUpgradeFailures(s.getUpgradeFailures() + 1);
    }
  }

  boolean retriesExhausted(HelmReleaseStatus s) {
    return retries >= 0 && failureCount(s) > retries;
  }

  String action() {
    return install ? "install" : "upgrade";
  }
}
