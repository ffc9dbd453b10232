package io.driftless.helm.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.helm.action.Snapshots;
import io.driftless.helm.action.ActionFailure;
import io.driftless.helm.action.RenderDigests;
import io.driftless.helm.release.InMemoryReleaseStorage;
import io.driftless.helm.release.ReleaseContent;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.testing.TestHelmReleases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm action state machine with the release history in memory and no cluster, as helm-controller's
 * {@code atomic_release_test.go} tests it: given the stored revisions, the HelmRelease's status and
 * spec, and which actions fail, which actions run in one reconcile (and the next ones), and where the
 * conditions end, up to Stalled {@code RetriesExceeded} once the retries are used up.
 */
class AtomicReleaseTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
  private static final String WANTED_VERSION = "1.1.0";
  private static final String CONFIG = "sha256:values";
  private static final String RETRY_BOTH = "  install: {strategy: {name: RetryOnFailure, retryInterval: 1m}}\n"
      + "  upgrade: {strategy: {name: RetryOnFailure, retryInterval: 1m}}\n";

  /** One row: the world before, the actions that fail, and per reconcile the actions expected. */
  record Row(String spec, List<String> history, boolean recorded, boolean testsOn, Set<String> failing,
      List<List<String>> actions, String ready, String stalled) {
    @Override
    public String toString() {
      return String.join(",", history) + " " + failing + " -> " + actions;
    }
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row("no release is stored: install",
            new Row("", List.of(), true, false, Set.of(), List.of(List.of("install")), "True:InstallSucceeded", null)),
        row("the latest revision is deployed with the wanted chart and values: only drift detection",
            new Row("", List.of("1:deployed:1.1.0"), true, false, Set.of(), List.of(List.of("drift")),
                "True:UpgradeSucceeded", null)),
        row("the chart version changed: upgrade",
            new Row("", List.of("1:deployed:1.0.0"), true, false, Set.of(), List.of(List.of("upgrade")),
                "True:UpgradeSucceeded", null)),
        row("the latest revision is not the one recorded (helm upgrade by hand): upgrade",
            new Row("", List.of("1:deployed:1.1.0"), false, false, Set.of(), List.of(List.of("upgrade")),
                "True:UpgradeSucceeded", null)),
        row("the latest revision is stale pending-upgrade: unlock, then upgrade",
            new Row("", List.of("1:superseded:1.0.0", "2:pending-upgrade:1.1.0"), true, false, Set.of(),
                List.of(List.of("unlock", "upgrade")), "True:UpgradeSucceeded", null)),
        row("tests are enabled and the deployed revision was not tested: test",
            new Row("", List.of("1:deployed:1.1.0"), true, true, Set.of(), List.of(List.of("test")),
                "True:TestSucceeded", null)),
        row("install then tests in one reconcile",
            new Row("", List.of(), true, true, Set.of(), List.of(List.of("install", "test")),
                "True:TestSucceeded", null)),
        row("install fails with no retries: stalled at once",
            new Row("", List.of(), true, false, Set.of("install"), List.of(List.of("install")),
                "False:InstallFailed", "RetriesExceeded")),
        row("install fails with one retry: uninstall remediation, then the retry fails and stalls",
            new Row("  install: {remediation: {retries: 1}}\n", List.of(), true, false, Set.of("install"),
                List.of(List.of("install", "uninstall"), List.of("install")), "False:UninstallSucceeded",
                "RetriesExceeded")),
        row("install fails with one retry, remediateLastFailure: the last failure is remediated too",
            new Row("  install: {remediation: {retries: 1, remediateLastFailure: true}}\n", List.of(), true, false,
                Set.of("install"), List.of(List.of("install", "uninstall"), List.of("install", "uninstall")),
                "False:UninstallSucceeded", "RetriesExceeded")),
        row("upgrade fails with no retries: stalled, no rollback",
            new Row("", List.of("1:deployed:1.0.0"), true, false, Set.of("upgrade"), List.of(List.of("upgrade")),
                "False:UpgradeFailed", "RetriesExceeded")),
        row("upgrade fails with one retry: rollback remediation, the retry fails and is rolled back, stalled",
            new Row("  upgrade: {remediation: {retries: 1}}\n", List.of("1:deployed:1.0.0"), true, false,
                Set.of("upgrade"), List.of(List.of("upgrade", "rollback"), List.of("upgrade", "rollback")),
                "False:RollbackSucceeded", "RetriesExceeded")),
        row("upgrade fails with strategy uninstall: uninstall remediation",
            new Row("  upgrade: {remediation: {retries: 1, strategy: uninstall}}\n", List.of("1:deployed:1.0.0"),
                true, false, Set.of("upgrade"), List.of(List.of("upgrade", "uninstall")),
                "False:UninstallSucceeded", null)),
        row("upgrade fails and the rollback fails: remediation failed, retried next time",
            new Row("  upgrade: {remediation: {retries: 2}}\n", List.of("1:deployed:1.0.0"), true, false,
                Set.of("upgrade", "rollback"), List.of(List.of("upgrade", "rollback")), "False:RollbackFailed",
                null)),
        row("upgrade fails with no deployed revision to roll back to: stalled MissingRollbackTarget",
            new Row("  upgrade: {remediation: {retries: 1}}\n", List.of("1:failed:1.0.0"), true, false,
                Set.of("upgrade"), List.of(List.of("upgrade")), "False:UpgradeFailed", "MissingRollbackTarget")),
        row("tests fail after an install with one retry: uninstall remediation",
            new Row("  install: {remediation: {retries: 1}}\n", List.of(), true, true, Set.of("test"),
                List.of(List.of("install", "test", "uninstall")), "False:UninstallSucceeded", null)),
        row("tests fail and test.ignoreFailures: ready, no remediation",
            new Row("  test: {enable: true, ignoreFailures: true}\n", List.of(), true, true, Set.of("test"),
                List.of(List.of("install", "test")), "True:InstallSucceeded", null)),
        row("the latest revision failed before this reconcile and nothing was attempted: upgrade",
            new Row("  upgrade: {remediation: {retries: 1}}\n", List.of("1:deployed:1.0.0", "2:failed:1.1.0"),
                true, false, Set.of(), List.of(List.of("upgrade")), "True:UpgradeSucceeded", null)),
        row("RetryOnFailure: a failed install is not uninstalled; each next reconcile upgrades, never stalled",
            new Row(RETRY_BOTH, List.of(), true, false, Set.of("install", "upgrade"),
                List.of(List.of("install"), List.of("upgrade"), List.of("upgrade")), "False:UpgradeFailed", null)),
        row("RetryOnFailure: a failed install, then the upgrade of the next reconcile succeeds",
            new Row(RETRY_BOTH, List.of(), true, false, Set.of("install"),
                List.of(List.of("install"), List.of("upgrade")), "True:UpgradeSucceeded", null)),
        row("RetryOnFailure with remediation retries: a failed upgrade is not rolled back nor the retries counted",
            new Row("  upgrade: {strategy: {name: RetryOnFailure}, remediation: {retries: 1, remediateLastFailure: true}}\n",
                List.of("1:deployed:1.0.0"), true, false, Set.of("upgrade"),
                List.of(List.of("upgrade"), List.of("upgrade"), List.of("upgrade")), "False:UpgradeFailed", null)),
        row("RetryOnFailure: an install that writes no revision (template error) waits for the retry, no error",
            new Row(RETRY_BOTH, List.of(), true, false, Set.of("install-unwritten"),
                List.of(List.of("install"), List.of("install")), "False:InstallFailed", null)),
        row("RetryOnFailure for install only: the upgrade retrying it remediates by its own rules (stalled)",
            new Row("  install: {strategy: {name: RetryOnFailure}}\n", List.of(), true, false,
                Set.of("install", "upgrade"), List.of(List.of("install"), List.of("upgrade")), "False:UpgradeFailed",
                "RetriesExceeded")));
  }

  private static Arguments row(String name, Row row) {
    return Arguments.of(name, row);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theNextActionFollowsFromTheReleaseState(String name, Row row) {
    HelmRelease hr = TestHelmReleases.parse("web", row.spec()
        + (row.testsOn() && !row.spec().contains("test:") ? "  test: {enable: true}\n" : ""));
    InMemoryReleaseStorage storage = new InMemoryReleaseStorage("apps");
    HelmReleaseStatus status = new HelmReleaseStatus();
    for (String revision : row.history()) {
      String[] parts = revision.split(":");
      StoredRelease stored = revision(Integer.parseInt(parts[0]), ReleaseStatus.valueOf(
          parts[1].toUpperCase().replace('-', '_')), parts[2]);
      storage.add(stored);
      if (row.recorded()) {
        status.addSnapshot(Snapshots.of(stored, "upgrade", parts[2], CONFIG));
      }
    }
    if (row.recorded() && !row.history().isEmpty()) {
      status.setLastAttemptedReleaseAction("upgrade");
    }
    FakeActions actions = new FakeActions(hr, storage, status, row.failing());
    ReleaseStorage unlocking = new Unlocking(storage, actions.ran);
    ReleaseState.Wanted wanted = new ReleaseState.Wanted("web", WANTED_VERSION, CONFIG, row.testsOn(),
        !RemediationPolicy.of(hr, status).ignoreTestFailures(), RenderDigests.of(hr));

    List<List<String>> ran = new ArrayList<>();
    for (int reconcile = 0; reconcile < row.actions().size(); reconcile++) {
      actions.ran.clear();
      new AtomicRelease(hr, unlocking, "web", status, wanted, actions, CLOCK).run();
      ran.add(List.copyOf(actions.ran));
    }

    assertThat(ran).as("actions per reconcile").isEqualTo(row.actions());
    Condition ready = status.condition(Condition.READY).orElseThrow();
    assertThat(ready.status() + ":" + ready.reason()).as("Ready").isEqualTo(row.ready());
    assertThat(status.condition(Condition.STALLED).filter(Condition::isTrue).map(Condition::reason))
        .as("Stalled").isEqualTo(Optional.ofNullable(row.stalled()));
  }

  @Test
  void underRetryOnFailureAFailedInstallWaitsItsRetryIntervalAndIsUpgradedWithoutRemediation() {
    HelmRelease hr = TestHelmReleases.parse("web", RETRY_BOTH);
    InMemoryReleaseStorage storage = new InMemoryReleaseStorage("apps");
    HelmReleaseStatus status = new HelmReleaseStatus();
    Set<String> failing = new java.util.HashSet<>(Set.of("install"));
    FakeActions actions = new FakeActions(hr, storage, status, failing);
    ReleaseState.Wanted wanted = new ReleaseState.Wanted("web", WANTED_VERSION, CONFIG, false, true, RenderDigests.of(hr));

    new AtomicRelease(hr, storage, "web", status, wanted, actions, CLOCK).run();

    assertThat(actions.ran).containsExactly("install");
    assertThat(status.condition(Condition.RECONCILING).orElseThrow())
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(Condition.TRUE, "ProgressingWithRetry", "retrying after 1m0s");
    assertThat(status.condition(Condition.READY).orElseThrow())
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(Condition.FALSE, "InstallFailed", "install failed");
    assertThat(status.condition(Condition.REMEDIATED)).as("no remediation").isEmpty();
    assertThat(status.condition(Condition.STALLED)).isEmpty();
    assertThat(RetryStrategy.pending(hr, status)).as("due again after").contains(java.time.Duration.ofMinutes(1));

    failing.clear();
    actions.ran.clear();
    new AtomicRelease(hr, storage, "web", status, wanted, actions, CLOCK).run();

    assertThat(actions.ran).containsExactly("upgrade");
    assertThat(storage.history("web")).as("the failed install kept, retried as an upgrade")
        .extracting(StoredRelease::version).containsExactly(1, 2);
    assertThat(storage.latest("web").orElseThrow().status()).isEqualTo(ReleaseStatus.DEPLOYED);
    assertThat(status.isReady()).isTrue();
    assertThat(status.condition(Condition.RECONCILING)).isEmpty();
    assertThat(status.getInstallFailures() + status.getUpgradeFailures() + status.getFailures())
        .as("cleared by the successful upgrade").isZero();
    assertThat(RetryStrategy.pending(hr, status)).as("back on spec.interval").isEmpty();
  }

  @Test
  void withoutRetryIntervalAFailedReleaseIsRetriedAfterFiveMinutesAsFluxsExampleSetsIt() {
    HelmRelease hr = TestHelmReleases.parse("web",
        "  install: {strategy: {name: RetryOnFailure}}\n  upgrade: {strategy: {name: RetryOnFailure}}\n");
    InMemoryReleaseStorage storage = new InMemoryReleaseStorage("apps");
    HelmReleaseStatus status = new HelmReleaseStatus();
    ReleaseState.Wanted wanted = new ReleaseState.Wanted("web", WANTED_VERSION, CONFIG, false, true, RenderDigests.of(hr));

    new AtomicRelease(hr, storage, "web", status, wanted, new FakeActions(hr, storage, status, Set.of("install")),
        CLOCK).run();

    assertThat(status.condition(Condition.RECONCILING).map(Condition::message)).contains("retrying after 5m0s");
    assertThat(RetryStrategy.pending(hr, status)).contains(java.time.Duration.ofMinutes(5));
  }

  private static StoredRelease revision(int version, ReleaseStatus status, String chartVersion) {
    ObjectNode chart = JsonNodeFactory.instance.objectNode();
    chart.putObject("metadata").put("name", "web").put("version", chartVersion);
    return StoredRelease.create(new ReleaseContent("web", "apps", chart, Map.of(), "", List.of(), ""), version,
        status, "", CLOCK.instant(), CLOCK.instant());
  }

  /** The storage, noting each unlock among the actions. */
  private record Unlocking(ReleaseStorage stored, List<String> ran) implements ReleaseStorage {
    @Override
    public String namespace() {
      return stored.namespace();
    }

    @Override
    public List<StoredRelease> history(String releaseName) {
      return stored.history(releaseName);
    }

    @Override
    public Optional<StoredRelease> get(String releaseName, int version) {
      return stored.get(releaseName, version);
    }

    @Override
    public void add(StoredRelease release) {
      stored.add(release);
    }

    @Override
    public void update(StoredRelease release) {
      stored.update(release);
    }

    @Override
    public boolean delete(String releaseName, int version) {
      return stored.delete(releaseName, version);
    }

    @Override
    public Optional<StoredRelease> unlock(String releaseName) {
      ran.add("unlock");
      return ReleaseStorage.super.unlock(releaseName);
    }
  }

  /** The actions as the release run does them to storage and status, failing those named. */
  private static final class FakeActions implements AtomicRelease.Actions {
    private final HelmRelease hr;
    private final InMemoryReleaseStorage storage;
    private final HelmReleaseStatus status;
    private final Set<String> failing;
    private final List<String> ran = new ArrayList<>();

    FakeActions(HelmRelease hr, InMemoryReleaseStorage storage, HelmReleaseStatus status, Set<String> failing) {
      this.hr = hr;
      this.storage = storage;
      this.status = status;
      this.failing = failing;
    }

    @Override
    public void release(boolean install) {
      String action = install ? "install" : "upgrade";
      ran.add(action);
      int version = storage.latest("web").map(StoredRelease::version).orElse(0) + 1;
      if (failing.contains(action + "-unwritten")) {
        throw new ActionFailure(install ? Reason.INSTALL_FAILED : Reason.UPGRADE_FAILED, action + " failed", null);
      }
      if (failing.contains(action)) {
        record(revision(version, ReleaseStatus.FAILED, WANTED_VERSION), action, WANTED_VERSION, CONFIG);
        throw new ActionFailure(install ? Reason.INSTALL_FAILED : Reason.UPGRADE_FAILED, action + " failed", null);
      }
      storage.supersedeDeployed("web");
      record(revision(version, ReleaseStatus.DEPLOYED, WANTED_VERSION), action, WANTED_VERSION, CONFIG);
      RenderDigests.of(hr).record(status);
      Reason reason = install ? Reason.INSTALL_SUCCEEDED : Reason.UPGRADE_SUCCEEDED;
      status.setCondition(Condition.RELEASED, Condition.TRUE, reason.flux(), action + " succeeded", "now");
    }

    @Override
    public void rollback(StoredRelease current, StoredRelease target) {
      ran.add("rollback");
      StoredRelease pending = StoredRelease.rollback(current, target, CLOCK.instant());
      if (failing.contains("rollback")) {
        record(pending.withStatus(ReleaseStatus.FAILED, "rollback failed"), "rollback", target.chartVersion(),
            CONFIG);
        throw new ActionFailure(Reason.ROLLBACK_FAILED, "rollback failed", null);
      }
      storage.supersedeDeployed("web");
      record(pending.withStatus(ReleaseStatus.DEPLOYED, pending.description()), "rollback", target.chartVersion(),
          CONFIG);
    }

    @Override
    public void uninstall(StoredRelease current) {
      ran.add("uninstall");
      storage.history("web").forEach(r -> storage.delete("web", r.version()));
    }

    @Override
    public void test(StoredRelease deployed) {
      ran.add("test");
      String phase = failing.contains("test") ? "Failed" : "Succeeded";
      status.latest().ifPresent(s -> status.replaceLatest(s.withTestHooks(
          Map.of("web-test", new HelmReleaseStatus.TestHookStatus("a", "b", phase)))));
      if (failing.contains("test")) {
        throw new ActionFailure(Reason.TEST_FAILED, "test failed", null);
      }
      status.setCondition(Condition.TEST_SUCCESS, Condition.TRUE, Reason.TEST_SUCCEEDED.flux(), "tested", "now");
    }

    @Override
    public void inSync(StoredRelease deployed) {
      ran.add("drift");
    }

    @Override
    public void progress() {}

    private void record(StoredRelease release, String action, String chartVersion, String config) {
      storage.add(release);
      status.addSnapshot(Snapshots.of(release, action, chartVersion, config));
    }
  }
}
