package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.FluxLayout;
import io.driftless.testing.HelmFixture;
import io.driftless.testing.TestCluster;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Kustomization whose health check covers HelmReleases ({@code wait: true}, or {@code healthChecks}
 * naming one) is Ready only once they are Ready in Driftless's records, and the Kustomizations that
 * depend on it wait too; HelmReleases in other Kustomizations and namespaces that a release
 * {@code dependsOn} are reconciled before it. Real chart server, real Git repository, both servers.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseHealthTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private HelmFixture helm;

  @BeforeEach
  void setUp() {
    helm = HelmFixture.start(tmp, cluster);
    helm.rootResources("web.yaml, after.yaml");
    helm.remote().write("clusters/demo/web.yaml", FluxLayout.kustomization("web", "apps/web", "  wait: true\n"));
    helm.remote().write("clusters/demo/after.yaml", FluxLayout.kustomization("after", "apps/after",
        "  dependsOn: [{name: web}]\n"));
    helm.remote().write("apps/after/after.yaml", FluxLayout.configMap("default", "after", "applied"));
    helm.remote().write("apps/web/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n");
    helm.remote().write("apps/web/repository.yaml", helm.repository("web"));
    helm.remote().write("apps/web/release.yaml", release("web", "web", "1.0.0", ""));
    helm.bootstrap();
  }

  @AfterEach
  void tearDown() {
    helm.close();
  }

  /** A HelmRelease of the chart web; {@code extraSpec} holds more spec lines, indented by two spaces. */
  private static String release(String namespace, String name, String version, String extraSpec) {
    return HelmFixture.release(namespace, name, "10m", version, "", extraSpec);
  }

  private Condition ready(String kustomization) {
    KustomizationStatus s = helm.store().getKustomization("demo", kustomization)
        .map(KustomizationRecord::status).orElseThrow();
    return s.condition(Condition.READY).orElseThrow();
  }

  private Condition releaseReady(String key) {
    return helm.store().getHelmObject("demo", key).map(HelmRecord::status).orElseThrow()
        .condition(Condition.READY).orElseThrow();
  }

  private boolean afterApplied() {
    return helm.kube().configMaps().inNamespace("default").withName("after").get() != null;
  }

  @Test
  void aFailingHelmReleaseKeepsTheWaitingKustomizationNotReadyAndItsDependentUnapplied() {
    helm.remote().write("apps/web/release.yaml", release("web", "web", "9.9.9", ""));

    helm.push("no such chart version");

    Condition web = ready("flux-system/web");
    assertThat(web.status()).isEqualTo(Condition.FALSE);
    assertThat(web.reason()).isEqualTo("HealthCheckFailed");
    assertThat(web.message()).startsWith("HelmRelease/web/web status: 'Failed': ArtifactFailed: HelmRelease/web/web: ")
        .contains("9.9.9").doesNotContain("timeout");
    assertThat(releaseReady("HelmRelease/web/web").reason()).isEqualTo("ArtifactFailed");
    assertThat(ready("flux-system/after").reason()).isEqualTo("DependencyNotReady");
    assertThat(afterApplied()).as("the dependent Kustomization applied nothing").isFalse();

    helm.remote().write("apps/web/release.yaml", release("web", "web", "1.0.0", ""));
    helm.push("a version that exists");

    assertThat(releaseReady("HelmRelease/web/web").status()).isEqualTo(Condition.TRUE);
    assertThat(ready("flux-system/web").status()).isEqualTo(Condition.TRUE);
    assertThat(ready("flux-system/after").status()).isEqualTo(Condition.TRUE);
    assertThat(afterApplied()).isTrue();
  }

  @Test
  void aReleaseWhoseChartSourceCannotBeFetchedFailsTheWaitingKustomizationAtOnceNamingTheSource() {
    helm.remote().write("apps/web/repository.yaml", HelmFixture.unreachableRepository("web", "charts", "10m"));

    helm.push("a chart repository nothing listens on");

    Condition web = ready("flux-system/web");
    assertThat(web.reason()).isEqualTo("HealthCheckFailed");
    assertThat(web.message()).startsWith("HelmRelease/web/web status: 'Failed': ArtifactFailed: HelmRelease/web/web: ")
        .contains("HelmRepository/web/charts", "127.0.0.1:1").doesNotContain("timeout", "InProgress");
    assertThat(releaseReady("HelmRelease/web/web").message()).contains("HelmRepository/web/charts", "127.0.0.1:1");
    assertThat(ready("flux-system/after").reason()).isEqualTo("DependencyNotReady");
    assertThat(afterApplied()).as("the dependent Kustomization applied nothing").isFalse();
  }

  @Test
  void aReleaseWhoseOciRepositoryCannotBeFetchedFailsTheWaitingKustomizationAtOnceNamingTheSource() {
    helm.remote().write("apps/web/repository.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: web, namespace: web}
        spec: {interval: 10m, timeout: 5s, url: "oci://127.0.0.1:1/charts/web", ref: {tag: 1.0.0}}
        """);
    helm.remote().write("apps/web/release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: web}
        spec:
          interval: 10m
          chartRef: {kind: OCIRepository, name: web}
        """);

    helm.push("a chart registry nothing listens on");

    Condition web = ready("flux-system/web");
    assertThat(web.reason()).isEqualTo("HealthCheckFailed");
    assertThat(web.message()).startsWith("HelmRelease/web/web status: 'Failed': ArtifactFailed: HelmRelease/web/web: ")
        .contains("OCIRepository/web/web", "127.0.0.1:1").doesNotContain("timeout", "InProgress");
  }

  @Test
  void aRefusedHelmReleaseFailsTheWaitingKustomizationAtOnceWithItsReason() {
    helm.remote().write("apps/web/release.yaml",
        HelmFixture.release("web", "web", "10m", "1.0.0", "      verify: {provider: cosign}\n", ""));

    helm.push("a release Driftless refuses");

    Condition web = ready("flux-system/web");
    assertThat(web.reason()).isEqualTo("HealthCheckFailed");
    assertThat(web.message()).isEqualTo("HelmRelease/web/web status: 'Failed': ReconciliationFailed: "
        + "HelmRelease/web/web: spec.chart.spec.verify is not supported by Driftless yet; "
        + "refused rather than installed without it");
    assertThat(helm.store().getHelmObject("demo", "HelmRelease/web/web").map(HelmRecord::status).orElseThrow()
        .condition(Condition.STALLED).map(Condition::status)).contains(Condition.TRUE);
    assertThat(ready("flux-system/after").reason()).isEqualTo("DependencyNotReady");
  }

  @Test
  void healthChecksWaitForAReleaseWhoseDependencyIsInAnotherKustomizationAndNamespace() {
    helm.rootResources("base.yaml, web.yaml, after.yaml");
    helm.remote().write("clusters/demo/base.yaml", FluxLayout.kustomization("base", "apps/base", ""));
    helm.remote().write("apps/base/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: data}\n");
    helm.remote().write("apps/base/repository.yaml", helm.repository("data"));
    helm.remote().write("apps/base/release.yaml", release("data", "db", "1.0.0", ""));
    helm.remote().write("clusters/demo/web.yaml", FluxLayout.kustomization("web", "apps/web", """
          healthChecks:
            - {apiVersion: helm.toolkit.fluxcd.io/v2, kind: HelmRelease, name: web, namespace: web}
        """));
    helm.remote().write("apps/web/release.yaml", release("web", "web", "1.0.0", """
          dependsOn: [{name: db, namespace: data}]
        """));

    List<ReconcileOutcome> outcomes = helm.push("db in another Kustomization, web after it");

    assertThat(outcomes).extracting(ReconcileOutcome::kustomization)
        .containsSubsequence("HelmRelease/data/db", "HelmRelease/web/web", "flux-system/after");
    assertThat(releaseReady("HelmRelease/data/db").status()).isEqualTo(Condition.TRUE);
    assertThat(releaseReady("HelmRelease/web/web").status()).isEqualTo(Condition.TRUE);
    assertThat(ready("flux-system/web").status()).isEqualTo(Condition.TRUE);
    assertThat(afterApplied()).isTrue();
    assertThat(helm.kube().apps().deployments().inNamespace("data").withName("db-web").get()).isNotNull();
    assertThat(helm.kube().apps().deployments().inNamespace("web").withName("web-web").get()).isNotNull();
  }
}
