package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.local.LocalChartRepository;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HelmRepository and a HelmRelease in a Flux repository, pushed through the webhook, reconcile as
 * helm-controller would: the chart from an HTTP chart repository started here, values from a
 * configMapGenerator ConfigMap, the objects on the cluster (the sandbox and a real API server) and the
 * release in Helm's own Secrets; a values change upgrades, nothing changed does nothing, leaving Git
 * uninstalls (bad input: HelmReleaseBadInputTest).
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseEndToEndTest extends HelmReleaseTestBase {
  @Test
  void installsTheChartWithValuesFromTheGeneratedConfigMapAndRecordsReleaseV1() {
    push(remote.commit("web"));

    Deployment d = deployment();
    assertThat(d).as("Deployment/web/web-web").isNotNull();
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/example/web:2.0.0");
    assertThat(d.getMetadata().getLabels())
        .containsEntry("helm.toolkit.fluxcd.io/name", "web")
        .containsEntry("helm.toolkit.fluxcd.io/namespace", "web")
        .containsEntry("app.kubernetes.io/managed-by", "Helm");
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry("meta.helm.sh/release-name", "web")
        .containsEntry("meta.helm.sh/release-namespace", "web");
    assertThat(kube.services().inNamespace("web").withName("web-cache").get()).as("the subchart's Service").isNotNull();
    assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").get())
        .as("the chart's CRD, by the Create policy").isNotNull();
    assertThat(kube.batch().v1().jobs().inNamespace("web").list().getItems()).as("hooks disabled").isEmpty();

    List<StoredRelease> history = history();
    assertThat(history).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED));
    assertThat(history.get(0).config()).containsEntry("replicaCount", 2);
    assertThat(history.get(0).description()).isEqualTo("Install complete");

    HelmReleaseStatus s = status();
    assertThat(s.isReady()).isTrue();
    assertThat(s.condition(Condition.RELEASED).orElseThrow().reason()).isEqualTo("InstallSucceeded");
    assertThat(s.condition(Condition.READY).orElseThrow().message())
        .isEqualTo("Helm install succeeded for release web/web.v1 with chart web@1.0.0");
    assertThat(s.getLastAttemptedRevision()).isEqualTo("1.0.0");
    assertThat(s.condition(Condition.RECONCILING)).as("removed at the end").isEmpty();
    assertThat(s.condition(Condition.STALLED)).isEmpty();
    assertThat(s.getFailures()).isZero();
    assertThat(s.getLastAttemptedConfigDigest()).startsWith("sha256:");
    assertThat(s.getHistory()).extracting(HelmReleaseStatus.ReleaseSnapshot::version).containsExactly(1);
    assertThat(store.getHelmObject("demo", "HelmRepository/web/charts")).as("the repository is a work item").isPresent();
  }

  @Test
  void aValuesChangeUpgradesToV2AndNothingChangedMakesNoRevision() {
    push(remote.commit("web"));
    remote.write("apps/web/values.yaml", "replicaCount: 3\n");

    push(remote.commit("three replicas"));

    assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status).containsExactly(
        tuple(1, ReleaseStatus.SUPERSEDED),
        tuple(2, ReleaseStatus.DEPLOYED));
    assertThat(status().condition(Condition.READY).orElseThrow().reason()).isEqualTo("UpgradeSucceeded");
    assertThat(status().getHistory()).extracting(HelmReleaseStatus.ReleaseSnapshot::version).containsExactly(2, 1);

    remote.write("apps/podinfo/unrelated.txt", "not part of any build\n");
    push(remote.commit("an unrelated change"));

    assertThat(history()).extracting(StoredRelease::version).containsExactly(1, 2);
    assertThat(status().isReady()).isTrue();
  }

  @Test
  void aHelmReleaseThatLeavesGitIsUninstalled() throws Exception {
    push(remote.commit("web"));
    assertThat(deployment()).isNotNull();
    remote.delete("apps/web/release.yaml");
    Path k = remote.workTree().resolve("apps/web/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace(", release.yaml]", "]"));

    push(remote.commit("drop the release"));

    assertThat(deployment()).isNull();
    assertThat(kube.services().inNamespace("web").withName("web-cache").get()).isNull();
    assertThat(history()).as("release Secrets").isEmpty();
    assertThat(store.getHelmObject("demo", HR)).isEmpty();
  }

  @Test
  void aFieldDriftlessDoesNotActOnIsRefusedByName() {
    remote.write("apps/web/release.yaml", release("1.0.0")
        .replace("      sourceRef:", "      verify: {provider: cosign}\n      sourceRef:"));

    push(remote.commit("chart verification"));

    assertThat(deployment()).isNull();
    assertThat(history()).isEmpty();
    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.message()).startsWith(HR + ": spec.chart.spec.verify is not supported by Driftless yet");
  }

  @Test
  void aSuspendedReleaseIsLeftAloneAndOneThatDependsOnItWaits() {
    remote.write("apps/web/release.yaml", release("1.0.0", "  suspend: true\n") + """
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: api}
        spec:
          interval: 10m
          dependsOn: [{name: web}]
          chart:
            spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}}
          install: {disableHooks: true}
        """);

    push(remote.commit("suspended web, api after it"));

    assertThat(kube.apps().deployments().inNamespace("web").list().getItems()).isEmpty();
    assertThat(status().getConditions()).as("a suspended HelmRelease is not reconciled").isEmpty();
    Condition api = store.getHelmObject("demo", "HelmRelease/web/api").orElseThrow().status()
        .condition(Condition.READY).orElseThrow();
    assertThat(api.reason()).isEqualTo("DependencyNotReady");
    assertThat(api.message()).isEqualTo("HelmRelease/web/api: dependency 'HelmRelease/web/web' is not ready");
  }

  @Test
  void aHelmReleaseV2beta2WithAHelmRepositoryV1beta2InstallsAsV2() throws Exception {
    remote.write("apps/web/release.yaml", release("1.0.0").replace("helm.toolkit.fluxcd.io/v2\n",
        "helm.toolkit.fluxcd.io/v2beta2\n"));
    Path repository = remote.workTree().resolve("apps/web/repository.yaml");
    remote.write("apps/web/repository.yaml", Files.readString(repository).replace("source.toolkit.fluxcd.io/v1\n",
        "source.toolkit.fluxcd.io/v1beta2\n"));

    push(remote.commit("older API versions"));

    assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED));
    assertThat(status().isReady()).isTrue();
  }

  @Test
  void aChartFromTheGitRepositoryInstallsWithoutAnyChartRepository() throws Exception {
    TestCharts.writeChart(remote.workTree().resolve("charts"), "web", "1.2.0");
    remote.write("apps/web/release.yaml", release("1.0.0").replace(
        "chart: web\n      version: \"1.0.0\"\n      sourceRef: {kind: HelmRepository, name: charts}",
        "chart: ./charts/web\n      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}"));

    push(remote.commit("chart in git"));

    assertThat(deployment().getMetadata().getLabels()).containsEntry("version", "1.2.0");
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::chartVersion)
        .containsExactly(tuple(1, "1.2.0"));
    assertThat(status().getLastAttemptedRevision()).isEqualTo("1.2.0");
  }

  @Test
  void aStalePendingReleaseIsUnlockedAndMaxHistoryIsKept() {
    remote.write("apps/web/release.yaml", release("1.0.0", "  maxHistory: 2\n"));
    push(remote.commit("web"));
    ReleaseStorage storage = new SecretReleaseStorage(kube, "web", Clock.systemUTC());
    StoredRelease v1 = storage.get("web", 1).orElseThrow();
    storage.update(v1.withStatus(ReleaseStatus.PENDING_UPGRADE, "Preparing upgrade")); // a function that died
    remote.write("apps/web/values.yaml", "replicaCount: 3\n");

    push(remote.commit("three replicas"));

    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status, StoredRelease::description)
        .containsExactly(
            tuple(1, ReleaseStatus.FAILED, "Release unlocked from stale 'pending-upgrade' state"),
            tuple(2, ReleaseStatus.DEPLOYED, "Upgrade complete"));
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);

    remote.write("apps/web/values.yaml", "replicaCount: 4\n");
    push(remote.commit("four replicas"));

    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(2, ReleaseStatus.SUPERSEDED), tuple(3, ReleaseStatus.DEPLOYED));
  }

  @Test
  void keepHistoryLeavesTheUninstalledReleaseInHelmsStorage() throws Exception {
    remote.write("apps/web/release.yaml", release("1.0.0", "  uninstall: {keepHistory: true}\n"));
    push(remote.commit("web"));
    remote.delete("apps/web/release.yaml");
    Path k = remote.workTree().resolve("apps/web/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace(", release.yaml]", "]"));

    push(remote.commit("drop the release"));

    assertThat(deployment()).isNull();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.UNINSTALLED));
  }

  /** The release with hooks run on install and upgrade (the default), {@code extraSpec} as for {@link #release}. */
  private static String releaseWithHooks(String version, String extraSpec) {
    return release(version, extraSpec).replace("  install: {disableHooks: true}\n  upgrade: {disableHooks: true}\n", "");
  }

  /** Serves chart web at {@code version} with the test chart's hooks plus those {@code edit} adds. */
  private void serveWith(String version, java.util.function.Consumer<Path> edit) {
    Path chart = TestCharts.writeChart(tmp.resolve("chart-" + version), "web", version);
    edit.accept(chart);
    serve(version, TestCharts.packageChart(chart));
  }

  /** Records the Jobs the cluster saw created and deleted in namespace web, in the order it saw them. */
  private static final class JobEvents implements io.fabric8.kubernetes.client.Watcher<io.fabric8.kubernetes.api.model.batch.v1.Job> {
    final List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public void eventReceived(Action action, io.fabric8.kubernetes.api.model.batch.v1.Job job) {
      if (action == Action.ADDED || action == Action.DELETED) {
        seen.add(action.name().toLowerCase() + " " + job.getMetadata().getName());
      }
    }

    @Override
    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}

    List<String> awaitAtLeast(int count) {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      while (seen.size() < count && System.nanoTime() < deadline) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      synchronized (seen) {
        return List.copyOf(seen);
      }
    }
  }

  @Test
  void hooksRunByWeightThenNameAroundTheManifestAndTheirDeletePolicyRemovesThem() throws Exception {
    kube.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("web").endMetadata().build()).serverSideApply();
    serveWith("1.3.0", chart -> {
      TestCharts.writeHookJob(chart, "z-early", "pre-install", -10, "hook-succeeded", false);
      TestCharts.writeHookJob(chart, "a-seed", "pre-install", 3, "", false);
      TestCharts.writeHookJob(chart, "notify", "post-install", 0, "hook-succeeded", false);
    });
    remote.write("apps/web/release.yaml", releaseWithHooks("1.3.0", ""));
    JobEvents events = new JobEvents();
    try (var watch = kube.batch().v1().jobs().inNamespace("web").watch(events)) {
      push(remote.commit("hooks"));

      assertThat(events.awaitAtLeast(7)).containsExactly(
          "added web-z-early", "added web-web-migrate", "added web-a-seed",
          "deleted web-z-early", "deleted web-web-migrate",
          "added web-notify", "deleted web-notify");
    }
    assertThat(kube.batch().v1().jobs().inNamespace("web").list().getItems())
        .extracting(j -> j.getMetadata().getName()).as("before-hook-creation keeps the hook").containsExactly("web-a-seed");
    StoredRelease v1 = history().get(0);
    assertThat(v1.status()).isEqualTo(ReleaseStatus.DEPLOYED);
    assertThat(v1.hooks()).extracting(h -> h.name(), h -> h.lastRun().phase()).containsExactlyInAnyOrder(
        tuple("web-z-early", "Succeeded"), tuple("web-web-migrate", "Succeeded"), tuple("web-a-seed", "Succeeded"),
        tuple("web-notify", "Succeeded"));
    assertThat(v1.hooks()).filteredOn(h -> h.name().equals("web-a-seed")).singleElement()
        .satisfies(h -> assertThat(h.deletePolicies()).containsExactly("before-hook-creation"));
    assertThat(status().isReady()).isTrue();
  }

  @Test
  void aFailingPreInstallHookFailsTheReleaseWithoutApplyingItAndExhaustedRetriesStall() {
    serveWith("1.3.0", chart -> TestCharts.writeHookJob(chart, "check", "pre-install", 0, "", true));
    remote.write("apps/web/release.yaml", releaseWithHooks("1.3.0", ""));

    push(remote.commit("failing hook"));

    assertThat(deployment()).as("the manifest is not applied").isNull();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.FAILED));
    assertThat(history().get(0).hooks()).filteredOn(h -> h.name().equals("web-check")).singleElement()
        .satisfies(h -> assertThat(h.lastRun().phase()).isEqualTo("Failed"));
    HelmReleaseStatus s = status();
    assertThat(s.condition(Condition.READY).orElseThrow().reason()).isEqualTo("InstallFailed");
    assertThat(s.condition(Condition.READY).orElseThrow().message())
        .contains("pre-install hook Job/web/web-check failed").doesNotContain("\n");
    assertThat(s.condition(Condition.STALLED).orElseThrow())
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(Condition.TRUE, "RetriesExceeded", "Failed to install after 1 attempt(s)");
    assertThat(s.getInstallFailures()).isEqualTo(1);

    remote.write("apps/podinfo/unrelated.txt", "not part of any build\n");
    push(remote.commit("an unrelated change"));

    assertThat(history()).as("no attempt once stalled").extracting(StoredRelease::version).containsExactly(1);
    assertThat(status().condition(Condition.STALLED).orElseThrow().reason()).isEqualTo("RetriesExceeded");
  }

  @Test
  void aFailedUpgradeIsRolledBackToTheLastGoodRevision() {
    remote.write("apps/web/release.yaml", releaseWithHooks("1.0.0", "  upgrade: {remediation: {retries: 1}}\n"));
    push(remote.commit("web"));
    serveWith("1.1.0", chart -> {
      TestCharts.writeHookJob(chart, "smoke", "post-upgrade", 0, "", true);
      writeFile(chart.resolve("templates/extra.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-extra}\n");
    });
    remote.write("apps/web/release.yaml", releaseWithHooks("1.1.0", "  upgrade: {remediation: {retries: 1}}\n"));

    push(remote.commit("a broken upgrade"));

    List<StoredRelease> history = history();
    assertThat(history).extracting(StoredRelease::version, StoredRelease::status, StoredRelease::description)
        .containsExactly(
            tuple(1, ReleaseStatus.SUPERSEDED, "Install complete"),
            tuple(2, ReleaseStatus.FAILED, "Release \"web\" failed: post-upgrade hook Job/web/web-smoke failed:"
                + " Job/web/web-smoke status: 'Failed'"),
            tuple(3, ReleaseStatus.DEPLOYED, "Rollback to 1"));
    assertThat(history.get(2).manifest()).isEqualTo(history.get(0).manifest());
    assertThat(history.get(2).chartVersion()).isEqualTo("1.0.0");
    assertThat(deployment().getMetadata().getLabels()).containsEntry("version", "1.0.0");
    assertThat(kube.configMaps().inNamespace("web").withName("web-extra").get()).as("pruned by the rollback").isNull();
    HelmReleaseStatus s = status();
    assertThat(s.condition(Condition.REMEDIATED).orElseThrow())
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(Condition.TRUE, "RollbackSucceeded",
            "Helm rollback to previous release web/web.v1 with chart web@1.0.0 succeeded");
    assertThat(s.isReady()).isFalse();
    assertThat(s.condition(Condition.READY).orElseThrow().reason()).isEqualTo("RollbackSucceeded");
    assertThat(s.condition(Condition.RECONCILING).orElseThrow().reason()).isEqualTo("ProgressingWithRetry");
    assertThat(s.getUpgradeFailures()).isEqualTo(1);
    assertThat(s.getFailures()).isEqualTo(1);
    assertThat(s.getHistory()).extracting(HelmReleaseStatus.ReleaseSnapshot::version).containsExactly(3, 2, 1);
  }

  @Test
  void testHooksRunWithTestEnableAndTheirResultIsTheTestSuccessCondition() {
    serveWith("1.3.0", chart -> TestCharts.writeHookJob(chart, "test", "test", 0, "", false));
    remote.write("apps/web/release.yaml", release("1.3.0", "  test: {enable: true}\n"));

    push(remote.commit("tested"));

    HelmReleaseStatus s = status();
    assertThat(s.condition(Condition.TEST_SUCCESS).orElseThrow())
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(Condition.TRUE, "TestSucceeded",
            "Helm test succeeded for release web/web.v1 with chart web@1.3.0: 1 test hook(s) completed successfully");
    assertThat(s.isReady()).isTrue();
    assertThat(s.latest().orElseThrow().testHooks()).containsOnlyKeys("web-test");
    assertThat(kube.batch().v1().jobs().inNamespace("web").withName("web-test").get()).isNotNull();
    assertThat(history().get(0).hooks()).filteredOn(h -> h.name().equals("web-test")).singleElement()
        .satisfies(h -> assertThat(h.lastRun().phase()).isEqualTo("Succeeded"));
  }

  @Test
  void aFailedInstallIsUninstalledAndRetriedUntilTheRetriesRunOut() {
    serveWith("1.3.0", chart -> TestCharts.writeHookJob(chart, "verify", "post-install", 0, "", true));
    remote.write("apps/web/release.yaml", releaseWithHooks("1.3.0", "  install: {remediation: {retries: 1}}\n"));

    push(remote.commit("an install that fails"));

    assertThat(deployment()).as("uninstalled by the remediation").isNull();
    assertThat(history()).as("release Secrets").isEmpty();
    HelmReleaseStatus s = status();
    assertThat(s.condition(Condition.REMEDIATED).orElseThrow())
        .extracting(Condition::status, Condition::reason)
        .containsExactly(Condition.TRUE, "UninstallSucceeded");
    assertThat(s.getInstallFailures()).isEqualTo(1);
    assertThat(s.condition(Condition.STALLED)).isEmpty();

    remote.write("apps/podinfo/unrelated.txt", "not part of any build\n");
    push(remote.commit("the next run"));

    assertThat(history()).as("installed again, failed, not remediated: the last failure is kept")
        .extracting(StoredRelease::version, StoredRelease::status).containsExactly(tuple(1, ReleaseStatus.FAILED));
    assertThat(status().getInstallFailures()).isEqualTo(2);
    assertThat(status().condition(Condition.STALLED).orElseThrow().message())
        .isEqualTo("Failed to install after 2 attempt(s)");
  }

  @Test
  void aNewReleaseNameUninstallsTheOldReleaseBeforeInstallingTheNewOne() {
    push(remote.commit("web"));
    assertThat(deployment()).isNotNull();
    remote.write("apps/web/release.yaml", release("1.0.0", "  releaseName: site\n"));

    push(remote.commit("renamed release"));

    assertThat(deployment()).as("the old release's objects").isNull();
    assertThat(history()).as("the old release's Secrets").isEmpty();
    assertThat(kube.apps().deployments().inNamespace("web").withName("site-web").get()).isNotNull();
    assertThat(new SecretReleaseStorage(kube, "web", Clock.systemUTC()).history("site"))
        .extracting(StoredRelease::version, StoredRelease::status).containsExactly(tuple(1, ReleaseStatus.DEPLOYED));
    assertThat(status().getHistory()).extracting(HelmReleaseStatus.ReleaseSnapshot::name).containsExactly("site");
  }

  @Test
  void aFailedTestIsOnlyReportedWhenTestFailuresAreIgnored() {
    serveWith("1.3.0", chart -> TestCharts.writeHookJob(chart, "test", "test", 0, "", true));
    remote.write("apps/web/release.yaml", release("1.3.0", "  test: {enable: true, ignoreFailures: true}\n"));

    push(remote.commit("tested"));

    HelmReleaseStatus s = status();
    assertThat(s.condition(Condition.TEST_SUCCESS).orElseThrow())
        .extracting(Condition::status, Condition::reason).containsExactly(Condition.FALSE, "TestFailed");
    assertThat(s.condition(Condition.TEST_SUCCESS).orElseThrow().message())
        .startsWith(HR + ": Helm test failed for release web/web.v1 with chart web@1.3.0: test hook Job/web/web-test failed");
    assertThat(s.isReady()).as("ignored").isTrue();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED));
  }

  @Test
  void aFailedTestIsRemediatedLikeAFailedInstall() {
    serveWith("1.3.0", chart -> TestCharts.writeHookJob(chart, "test", "test", 0, "", true));
    remote.write("apps/web/release.yaml", release("1.3.0",
        "  test: {enable: true}\n").replace("  install: {disableHooks: true}\n",
        "  install: {disableHooks: true, remediation: {retries: 1}}\n"));

    push(remote.commit("tests that fail"));

    HelmReleaseStatus s = status();
    assertThat(s.condition(Condition.TEST_SUCCESS).orElseThrow().reason()).isEqualTo("TestFailed");
    assertThat(s.condition(Condition.REMEDIATED).orElseThrow().reason()).isEqualTo("UninstallSucceeded");
    assertThat(s.getInstallFailures()).isEqualTo(1);
    assertThat(s.isReady()).isFalse();
    assertThat(deployment()).as("uninstalled").isNull();
    assertThat(history()).isEmpty();
  }

  private static void writeFile(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
