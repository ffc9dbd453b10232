package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
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
 * installed) while its parent Kustomization, whose interval has not passed, does not run.
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
    helm.remote().write("apps/web/release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: web}
        spec:
          interval: 5m
          chart:
            spec:
              chart: web
              version: ">=1.0.0 <2.0.0"
              sourceRef: {kind: HelmRepository, name: charts}
          install: {disableHooks: true}
          upgrade: {disableHooks: true}
        """);
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
}
