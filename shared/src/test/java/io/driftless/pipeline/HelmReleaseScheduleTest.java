package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.FluxLayout;
import io.driftless.testing.HelmFixture;
import io.driftless.testing.TestCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HelmRelease runs on its own {@code interval}, as with helm-controller: a schedule tick after it
 * is due reconciles it (here: a newer chart in the repository matching its version range is
 * installed) while its parent Kustomization, whose interval has not passed, does not run. Its
 * HelmRepository lives on its own too, as with source-controller: fetched on its {@code interval},
 * it shows Ready with its revision or its error whatever its HelmReleases do (refused here), and a
 * new revision makes the HelmReleases using it due.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseScheduleTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private HelmFixture helm;

  @BeforeEach
  void setUp() {
    helm = HelmFixture.start(tmp, cluster);
    helm.rootResources("web.yaml");
    helm.remote().write("clusters/demo/web.yaml",
        FluxLayout.kustomization("web", "apps/web", "").replace("10m", "1h"));
    helm.remote().write("apps/web/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n");
    helm.remote().write("apps/web/repository.yaml", helm.repository("web"));
    helm.remote().write("apps/web/release.yaml", HelmFixture.release("web", "web", "5m", ">=1.0.0 <2.0.0", "", ""));
    helm.bootstrap();
  }

  @AfterEach
  void tearDown() {
    helm.close();
  }

  private List<String> deployedVersions() {
    return new SecretReleaseStorage(helm.kube(), "web", Clock.systemUTC()).history("web").stream()
        .map(StoredRelease::chartVersion).toList();
  }

  private String lastRun(String kustomization) {
    return helm.store().getKustomization("demo", kustomization).map(KustomizationRecord::lastReconciledAt).orElseThrow();
  }

  @Test
  void aTickAfterTheReleasesIntervalUpgradesItWhileItsParentIsNotDue() {
    helm.push("web");
    assertThat(deployedVersions()).containsExactly("1.0.0");
    String parentRan = lastRun("flux-system/web");
    helm.serve("1.1.0");

    List<ReconcileOutcome> early = helm.engine().schedule(Instant.now().plus(Duration.ofMinutes(2))).outcomes();

    assertThat(early).as("nothing is due two minutes later").isEmpty();
    assertThat(deployedVersions()).containsExactly("1.0.0");

    List<ReconcileOutcome> due = helm.engine().schedule(Instant.now().plus(Duration.ofMinutes(6))).outcomes();

    assertThat(due).extracting(ReconcileOutcome::kustomization).containsExactly("HelmRelease/web/web");
    assertThat(deployedVersions()).containsExactly("1.0.0", "1.1.0");
    assertThat(lastRun("flux-system/web")).as("the parent Kustomization did not run").isEqualTo(parentRan);
  }

  @Test
  void aFanOutTickAfterTheReleasesIntervalUpgradesItWhileItsParentIsNotDue() {
    helm.push("web");
    String parentRan = lastRun("flux-system/web");
    helm.serve("1.1.0");

    helm.engine().tick(Instant.now().plus(Duration.ofMinutes(6)));
    helm.engine().drainPending();
    helm.engine().awaitIdle();

    assertThat(deployedVersions()).containsExactly("1.0.0", "1.1.0");
    assertThat(lastRun("flux-system/web")).as("the parent Kustomization did not run").isEqualTo(parentRan);
  }

  private static String release(String chartSpec) {
    return HelmFixture.release("web", "web", "1h", ">=1.0.0 <2.0.0", chartSpec, "");
  }

  private HelmReleaseStatus status(String key) {
    return helm.store().getHelmObject("demo", key).map(HelmRecord::status).orElse(null);
  }

  private Condition sourceReady(String key) {
    return status(key).condition(Condition.READY).orElseThrow();
  }

  @Test
  void aHelmRepositoryIsFetchedOnItsIntervalWhileItsOnlyHelmReleaseIsRefused() {
    helm.remote().write("apps/web/release.yaml", release("      verify: {provider: cosign}\n"));
    helm.push("a release Driftless refuses");
    assertThat(status("HelmRelease/web/web").isReady()).isFalse();
    assertThat(status("HelmRepository/web/charts").condition(Condition.READY))
        .as("the refused release never fetched its chart").isEmpty();

    helm.engine().schedule(Instant.now());

    Condition ready = sourceReady("HelmRepository/web/charts");
    assertThat(ready.status()).isEqualTo(Condition.TRUE);
    assertThat(ready.message()).startsWith("stored artifact: revision 'sha256:");
    assertThat(status("HelmRepository/web/charts").getLastAttemptedRevision()).startsWith("sha256:");
  }

  @Test
  void aHelmRepositoryWhoseUrlFailsShowsItsErrorAndItsNextFetchWaitsForItsIntervalBesideAHelmChartPulledOnItsOwn() {
    helm.remote().write("apps/web/broken.yaml", HelmFixture.unreachableRepository("web", "broken", "5m"));
    helm.remote().write("apps/web/chart.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmChart
        metadata: {name: web, namespace: web}
        spec: {interval: 5m, chart: web, version: "1.x", sourceRef: {kind: HelmRepository, name: charts}}
        """);
    helm.push("a repository nothing uses, at an address nothing serves, and a chart nothing uses");
    Instant now = Instant.now();

    helm.engine().schedule(now);
    String failedAt = helm.store().getHelmObject("demo", "HelmRepository/web/broken").orElseThrow().lastReconciledAt();
    helm.engine().schedule(now.plus(Duration.ofMinutes(2)));

    Condition ready = sourceReady("HelmRepository/web/broken");
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.reason()).isEqualTo("Failed");
    assertThat(ready.message()).contains("HelmRepository/web/broken").contains("127.0.0.1:1");
    assertThat(helm.store().getHelmObject("demo", "HelmRepository/web/broken").orElseThrow().lastReconciledAt())
        .as("not fetched again before its interval").isEqualTo(failedAt);
    assertThat(sourceReady("HelmRepository/web/charts").status()).isEqualTo(Condition.TRUE);
    assertThat(sourceReady("HelmChart/web/web").message()).isEqualTo("pulled 'web' chart with version '1.0.0'");
  }

  @Test
  void aNewChartInTheRepositoryUpgradesItsReleaseAtTheRepositorysIntervalWhileTheReleaseIsNotDue() {
    helm.remote().write("apps/web/release.yaml", release(""));
    helm.push("web");
    assertThat(deployedVersions()).containsExactly("1.0.0");
    String parentRan = helm.store().getKustomization("demo", "flux-system/web").map(KustomizationRecord::lastReconciledAt)
        .orElseThrow();
    helm.serve("1.1.0");

    helm.engine().tick(Instant.now().plus(Duration.ofMinutes(11)));
    helm.engine().drainPending();
    helm.engine().awaitIdle();

    assertThat(deployedVersions()).containsExactly("1.0.0", "1.1.0");
    assertThat(helm.store().getKustomization("demo", "flux-system/web").map(KustomizationRecord::lastReconciledAt))
        .as("the parent Kustomization did not run").contains(parentRan);
  }
}
