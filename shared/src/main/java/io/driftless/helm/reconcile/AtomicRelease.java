package io.driftless.helm.reconcile;

import io.driftless.model.Durations;
import io.driftless.helm.action.ActionTimeouts;
import io.driftless.helm.action.ActionFailure;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * helm-controller's AtomicRelease loop (helm.md §2.3–2.4): before each action the release state is
 * determined again and one action chosen: unlock a stale pending release, install, upgrade, test,
 * remediate a failure (rollback or uninstall) or, in sync, only repair the conditions. The loop stops
 * when an action of the same kind already ran in this reconcile, after every remediation, and when
 * retries are exhausted (Stalled {@code RetriesExceeded}: nothing more is attempted until the
 * HelmRelease, the chart or the values change and the counters reset). Under the {@code RetryOnFailure}
 * strategy ({@link RetryStrategy}) a failed release is upgraded again in the next reconcile, never
 * remediated nor stalled. Failure counters: {@code failures}
 * on every failure, {@code installFailures}/{@code upgradeFailures} only when a revision was written.
 */
public final class AtomicRelease {
  private static final Logger LOG = Logger.getLogger(AtomicRelease.class.getName());
  private static final int MAX_PASSES = 10;

  /** The actions; each throws {@link ActionFailure} when it fails. */
  public interface Actions {
    /** Install (or upgrade), writing the revision and the Released/Ready conditions on success. */
    void release(boolean install);

    /** Rolls back to {@code target}, a stored revision. */
    void rollback(StoredRelease current, StoredRelease target);

    /** Uninstalls the release (install remediation, or upgrade remediation {@code uninstall}). */
    void uninstall(StoredRelease current);

    /** Runs the test hooks of {@code deployed}, recording their results. */
    void test(StoredRelease deployed);

    /**
     * The release is in sync and nothing else ran in this reconcile: {@code spec.driftDetection} compares
     * the objects of {@code deployed} with the cluster (and corrects them when enabled).
     */
    void inSync(StoredRelease deployed);

    /** Records the status so far (the Reconciling condition is visible while an action runs). */
    void progress();
  }

  private final HelmRelease hr;
  private final ReleaseStorage storage;
  private final String name;
  private final HelmReleaseStatus status;
  private final ReleaseState.Wanted wanted;
  private final Actions actions;
  private final Clock clock;
  private final Set<String> ran = new HashSet<>();

  public AtomicRelease(HelmRelease hr, ReleaseStorage storage, String name, HelmReleaseStatus status,
      ReleaseState.Wanted wanted, Actions actions, Clock clock) {
    this.hr = hr;
    this.storage = storage;
    this.name = name;
    this.status = status;
    this.wanted = wanted;
    this.actions = actions;
    this.clock = clock;
  }

  public void run() {
    status.removeCondition(Condition.STALLED);
    if (!wanted.testsOn()) {
      status.removeCondition(Condition.TEST_SUCCESS);
    }
    boolean more = true;
    Optional<StoredRelease> latest = Optional.empty();
    ReleaseState state = null;
    for (int pass = 0; more && pass < MAX_PASSES; pass++) {
      latest = storage.latest(name);
      state = ReleaseState.of(latest, status, wanted);
      more = switch (state) {
        case IN_SYNC -> inSync();
        case LOCKED -> unlock();
        case ABSENT -> attempt(true);
        case UNMANAGED, OUT_OF_SYNC -> attempt(false);
        case UNTESTED -> test(latest.get());
        case FAILED -> remediate(latest.get());
      };
    }
    summarize();
    if (state == ReleaseState.IN_SYNC && ran.isEmpty()) {
      actions.inSync(latest.orElseThrow());
    }
    if (status.isReady()) {
      status.removeCondition(Condition.STALLED);
    }
  }

  private boolean inSync() {
    status.removeCondition(Condition.REMEDIATED);
    status.removeCondition(Condition.RECONCILING);
    Optional<Condition> released = status.condition(Condition.RELEASED);
    if (released.isEmpty() || !released.get().isTrue()) {
      HelmReleaseStatus.ReleaseSnapshot s = status.latest().orElseThrow();
      boolean install = "install".equals(s.action());
      Reason reason = install ? Reason.INSTALL_SUCCEEDED : Reason.UPGRADE_SUCCEEDED;
      set(Condition.RELEASED, Condition.TRUE, reason, "Helm " + (install ? "install" : "upgrade")
          + " succeeded for release " + s.namespace() + "/" + s.name() + ".v" + s.version() + " with chart "
          + s.chartName() + "@" + s.chartVersion());
    }
    return false;
  }

  private boolean unlock() {
    if (!ran.add("unlock")) {
      return false;
    }
    storage.unlock(name).ifPresent(r -> LOG.info("Unlocked Helm release " + storage.namespace() + "/" + name
        + ".v" + r.version() + " left in a pending state"));
    return true;
  }

  private boolean attempt(boolean install) {
    RemediationPolicy policy = RemediationPolicy.of(hr, install);
    if (policy.retriesExhausted(status)) {
      stall(policy);
      return false;
    }
    return release(install);
  }

  /** Installs or upgrades, at most once per reconcile (install and upgrade are one kind, as in helm-controller). */
  private boolean release(boolean install) {
    RemediationPolicy policy = RemediationPolicy.of(hr, install);
    if (!ran.add("release")) {
      retry(policy);
      return false;
    }
    status.setLastAttemptedReleaseAction(policy.action());
    reconciling("Running '" + policy.action() + "' action with timeout of " + Durations.format(ActionTimeouts.of(hr,
        policy.action())));
    int before = storage.latest(name).map(StoredRelease::version).orElse(0);
    if (install) {
      status.setHistory(java.util.List.of()); // helm-controller clears the history before an install
    }
    try {
      actions.release(install);
    } catch (ActionFailure e) {
      status.setFailures(status.getFailures() + 1);
      Reason reason = install ? Reason.INSTALL_FAILED : Reason.UPGRADE_FAILED;
      if (storage.latest(name).map(StoredRelease::version).orElse(0) == before) {
        if (RetryStrategy.active(hr, status).isEmpty()) {
          throw e; // nothing was written: no retry is used up, the error is the status
        }
        set(Condition.RELEASED, Condition.FALSE, reason, e.getMessage());
        retry(policy);
        return false;
      }
      policy.incrementFailureCount(status);
      set(Condition.RELEASED, Condition.FALSE, reason, e.getMessage());
      return true;
    }
    status.removeCondition(Condition.REMEDIATED);
    if (!install && RetryStrategy.of(hr, false).isPresent()) {
      // helm-controller: under RetryOnFailure the counters only matter while the release is failed
      status.setFailures(0);
      status.setInstallFailures(0);
      status.setUpgradeFailures(0);
    }
    if (wanted.testsOn()) {
      set(Condition.TEST_SUCCESS, Condition.UNKNOWN, Reason.AWAITING_TESTS,
          "Release is awaiting tests");
    }
    return true;
  }

  private boolean test(StoredRelease deployed) {
    if (!ran.add("test")) {
      return false;
    }
    reconciling("Running 'test' action with timeout of " + Durations.format(ActionTimeouts.of(hr, "test")));
    try {
      actions.test(deployed);
    } catch (ActionFailure e) {
      status.setFailures(status.getFailures() + 1);
      RemediationPolicy policy = RemediationPolicy.of(hr, status);
      if (!policy.ignoreTestFailures()) {
        policy.incrementFailureCount(status);
      }
      set(Condition.TEST_SUCCESS, Condition.FALSE, Reason.TEST_FAILED, e.getMessage());
    }
    return true;
  }

  /** helm.md §2.3 {@code Failed}. */
  private boolean remediate(StoredRelease current) {
    if (RetryStrategy.active(hr, status).isPresent()) {
      return release(false); // RetryOnFailure: no remediation, no retries counted against it; upgrade again
    }
    RemediationPolicy policy = RemediationPolicy.of(hr, status);
    if (status.getLastAttemptedReleaseAction() == null || policy.failureCount(status) <= 0) {
      return attempt(false);
    }
    if (policy.retriesExhausted(status) && !policy.remediateLastFailure()) {
      stall(policy);
      return false;
    }
    if (!ran.add("remediate")) {
      return false;
    }
    if (RemediationPolicy.ROLLBACK.equals(policy.strategy())) {
      Optional<StoredRelease> target = rollbackTarget(current);
      if (target.isEmpty()) {
        String message = "Failed to perform remediation: missing target release for rollback: cannot remediate"
            + " failed release " + storage.namespace() + "/" + name;
        set(Condition.STALLED, Condition.TRUE, Reason.MISSING_ROLLBACK_TARGET, message);
        return false;
      }
      reconciling("Running 'rollback' action with timeout of " + Durations.format(ActionTimeouts.of(hr, "rollback")));
      try {
        actions.rollback(current, target.get());
        set(Condition.REMEDIATED, Condition.TRUE, Reason.ROLLBACK_SUCCEEDED, "Helm rollback to previous release "
            + target.get().namespace() + "/" + name + ".v" + target.get().version() + " with chart "
            + target.get().chartName() + "@" + target.get().chartVersion() + " succeeded");
      } catch (ActionFailure e) {
        status.setFailures(status.getFailures() + 1);
        set(Condition.REMEDIATED, Condition.FALSE, Reason.ROLLBACK_FAILED, e.getMessage());
      }
    } else {
      reconciling("Running 'uninstall' action with timeout of " + Durations.format(ActionTimeouts.of(hr, "uninstall")));
      try {
        actions.uninstall(current);
        set(Condition.REMEDIATED, Condition.TRUE, Reason.UNINSTALL_SUCCEEDED, "Helm uninstall remediation for"
            + " release " + current.namespace() + "/" + name + ".v" + current.version() + " with chart "
            + current.chartName() + "@" + current.chartVersion() + " succeeded");
      } catch (ActionFailure e) {
        status.setFailures(status.getFailures() + 1);
        set(Condition.REMEDIATED, Condition.FALSE, Reason.UNINSTALL_FAILED, e.getMessage());
      }
    }
    if (policy.retriesExhausted(status)) {
      stall(policy);
    } else {
      retry(policy);
    }
    return false;
  }

  /** The newest recorded revision before the current one that was deployed, if it is still stored. */
  private Optional<StoredRelease> rollbackTarget(StoredRelease current) {
    return status.getHistory().stream()
        .filter(s -> s.version() < current.version())
        .filter(s -> s.status().equals(ReleaseStatus.DEPLOYED.stored())
            || s.status().equals(ReleaseStatus.SUPERSEDED.stored()))
        .findFirst()
        .flatMap(s -> storage.get(name, s.version()));
  }

  private void stall(RemediationPolicy policy) {
    int attempts = policy.failureCount(status);
    set(Condition.STALLED, Condition.TRUE, Reason.RETRIES_EXCEEDED,
        "Failed to " + policy.action() + " after " + attempts + " attempt(s)");
    status.removeCondition(Condition.RECONCILING);
  }

  /**
   * Retries are left: the next reconcile tries again (helm-controller requeues at once), or under
   * RetryOnFailure after its {@code retryInterval}, which the schedule reads back ({@link RetryStrategy#pending}).
   */
  private void retry(RemediationPolicy policy) {
    Optional<Duration> interval = RetryStrategy.active(hr, status);
    String message = interval.map(d -> "retrying after " + Durations.format(d))
        .or(() -> status.condition(Condition.REMEDIATED).or(() -> status.condition(Condition.RELEASED))
            .map(Condition::message))
        .orElse("retrying " + policy.action());
    set(Condition.RECONCILING, Condition.TRUE, Reason.PROGRESSING_WITH_RETRY, message);
  }

  private void reconciling(String message) {
    set(Condition.RECONCILING, Condition.TRUE, Reason.PROGRESSING, message);
    actions.progress();
  }

  /** Ready by helm-controller's priority: Remediated, then TestSuccess (when it counts), then Released. */
  private void summarize() {
    Optional<Condition> from = status.condition(Condition.REMEDIATED);
    if (from.isEmpty() && wanted.testsOn() && wanted.testsCount()) {
      from = status.condition(Condition.TEST_SUCCESS);
    }
    if (from.isEmpty()) {
      from = status.condition(Condition.RELEASED);
    }
    from.ifPresent(c -> {
      String ready = c.type().equals(Condition.REMEDIATED) ? Condition.FALSE : c.status();
      status.setCondition(Condition.READY, ready, c.reason(), c.message(), clock.instant().toString());
    });
    if (status.condition(Condition.RECONCILING).filter(c -> Reason.PROGRESSING.flux().equals(c.reason()))
        .isPresent()) {
      status.removeCondition(Condition.RECONCILING);
    }
  }

  private void set(String type, String value, Reason reason, String message) {
    status.setCondition(type, value, reason.flux(), message, clock.instant().toString());
  }
}
