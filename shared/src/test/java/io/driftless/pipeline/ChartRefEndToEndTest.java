package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.FluxLayout;
import io.driftless.testing.GitRemote;
import io.driftless.testing.HelmFixture;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HelmRelease's {@code chartRef} to a HelmChart of the build, and Flux 2.7's ArtifactGenerator:
 * the ExternalArtifacts it composes from the Git repository serve a HelmRelease {@code chartRef}
 * (a chart with its values.yaml merged from another file) and a Kustomization {@code sourceRef}
 * (a monorepo split into artifacts: a change outside an artifact's paths leaves its revision, so its
 * Kustomization does not run). Real Git repository and chart server, on both servers.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class ChartRefEndToEndTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private HelmFixture helm;
  private GitRemote remote;
  private StateStore store;
  private KubernetesClient kube;

  @BeforeEach
  void setUp() {
    helm = HelmFixture.start(tmp, cluster);
    remote = helm.remote();
    helm.rootResources("web.yaml");
    remote.write("clusters/demo/web.yaml", FluxLayout.kustomization("web", "apps/web", ""));
    remote.write("apps/web/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: web
        resources: [namespace.yaml, release.yaml]
        """);
    remote.write("apps/web/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n");
    helm.bootstrap();
    store = helm.store();
    kube = helm.kube();
  }

  @AfterEach
  void tearDown() {
    helm.close();
  }

  private static String release(String chartRef) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web}
        spec:
          interval: 10m
          chartRef: %s
          install: {disableHooks: true}
          upgrade: {disableHooks: true}
        """.formatted(chartRef);
  }

  private HelmReleaseStatus status() {
    return store.getHelmObject("demo", "HelmRelease/web/web").map(HelmRecord::status).orElseThrow();
  }

  private List<StoredRelease> history() {
    return new SecretReleaseStorage(kube, "web", Clock.systemUTC()).history("web");
  }

  private Deployment deployment() {
    return kube.apps().deployments().inNamespace("web").withName("web-web").get();
  }

  private KustomizationStatus kustomization(String key) {
    return store.getKustomization("demo", key).map(KustomizationRecord::status).orElseThrow();
  }

  @Test
  void aChartRefToAHelmChartInstallsItsChartFromItsHelmRepository() {
    remote.write("apps/web/release.yaml", helm.repository("web") + """
        ---
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmChart
        metadata: {name: web}
        spec:
          interval: 10m
          chart: web
          version: "1.x"
          sourceRef: {kind: HelmRepository, name: charts}
        ---
        """ + release("{kind: HelmChart, name: web}"));

    helm.push("chartRef to a HelmChart");

    assertThat(status().isReady()).as(status().getConditions().toString()).isTrue();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::chartVersion)
        .containsExactly(tuple(1, "1.0.0"));
    assertThat(deployment()).isNotNull();
  }

  @Test
  void aHelmChartFieldDriftlessDoesNotActOnIsRefusedByName() {
    remote.write("apps/web/release.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmChart
        metadata: {name: web}
        spec:
          interval: 10m
          chart: web
          valuesFiles: [values-prod.yaml]
          sourceRef: {kind: HelmRepository, name: charts}
        ---
        """ + release("{kind: HelmChart, name: web}"));

    helm.push("HelmChart with valuesFiles");

    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.reason()).isEqualTo("ArtifactFailed");
    assertThat(ready.message())
        .isEqualTo("HelmRelease/web/web: HelmChart/web/web: spec.valuesFiles is not supported by Driftless yet");
    assertThat(history()).isEmpty();
  }

  @Test
  void aChartRefToAnExternalArtifactInstallsTheChartTheGeneratorComposed() {
    TestCharts.writeChart(remote.workTree().resolve("charts"), "web", "1.3.0");
    remote.write("charts/web/README.md", "left out by the exclude rule\n");
    remote.write("env/prod/values.yaml", "replicaCount: 3\n");
    helm.rootResources("web.yaml, artifacts.yaml");
    remote.write("clusters/demo/artifacts.yaml", """
        apiVersion: source.extensions.fluxcd.io/v1beta1
        kind: ArtifactGenerator
        metadata: {name: charts, namespace: flux-system}
        spec:
          sources:
            - {alias: repo, kind: GitRepository, name: flux-system}
          artifacts:
            - name: web-chart
              originRevision: "@repo"
              copy:
                - {from: "@repo/charts/web/", to: "@artifact/", exclude: ["*.md"]}
                - {from: "@repo/env/prod/values.yaml", to: "@artifact/web/values.yaml", strategy: Merge}
        """);
    remote.write("apps/web/release.yaml",
        release("{kind: ExternalArtifact, name: web-chart, namespace: flux-system}"));

    helm.push("chart from a generated artifact");

    assertThat(status().isReady()).as(status().getConditions().toString()).isTrue();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::chartVersion)
        .containsExactly(tuple(1, "1.3.0"));
    Deployment d = deployment();
    assertThat(d.getSpec().getReplicas()).as("values.yaml merged from env/prod").isEqualTo(3);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .as("the chart's other defaults kept").isEqualTo("ghcr.io/example/web:1.0.0");
  }

  @Test
  void aKustomizationFromAnExternalArtifactRunsOnlyWhenItsFilesChange() {
    helm.rootResources("artifacts.yaml, site.yaml");
    remote.write("clusters/demo/artifacts.yaml", """
        apiVersion: source.extensions.fluxcd.io/v1beta1
        kind: ArtifactGenerator
        metadata: {name: monorepo, namespace: flux-system}
        spec:
          sources:
            - {alias: mono, kind: GitRepository, name: flux-system}
          artifacts:
            - name: site
              copy:
                - {from: "@mono/deploy/common/**", to: "@artifact/common/"}
                - {from: "@mono/deploy/prod/**", to: "@artifact/prod/"}
        """);
    remote.write("clusters/demo/site.yaml", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: site, namespace: flux-system}
        spec:
          interval: 10m
          path: ./prod
          prune: true
          sourceRef: {kind: ExternalArtifact, name: site}
        """);
    remote.write("deploy/common/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [settings.yaml]\n");
    remote.write("deploy/common/settings.yaml", FluxLayout.configMap("default", "settings", "common"));
    remote.write("deploy/prod/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../common]
        patches:
          - patch: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"value": "prod"}}'
        """);

    helm.push("a monorepo split by an ArtifactGenerator");

    KustomizationStatus site = kustomization("flux-system/site");
    assertThat(site.isReady()).as(site.getConditions().toString()).isTrue();
    assertThat(site.getLastAppliedRevision()).matches("latest@sha256:[0-9a-f]{64}");
    assertThat(kube.configMaps().inNamespace("default").withName("settings").get().getData())
        .containsEntry("value", "prod");
    String revision = site.getLastAppliedRevision();
    String ran = store.getKustomization("demo", "flux-system/site").orElseThrow().lastReconciledAt();

    remote.write("docs/notes.txt", "outside every artifact\n");
    helm.push("an unrelated change");

    assertThat(store.getKustomization("demo", "flux-system/site").orElseThrow().lastReconciledAt())
        .as("the artifact kept its revision, so its Kustomization did not run").isEqualTo(ran);

    remote.write("deploy/common/settings.yaml", FluxLayout.configMap("default", "settings", "common")
        + "  extra: \"yes\"\n");
    helm.push("a change inside the artifact");

    assertThat(kustomization("flux-system/site").getLastAppliedRevision()).isNotEqualTo(revision);
    assertThat(kube.configMaps().inNamespace("default").withName("settings").get().getData())
        .containsEntry("extra", "yes").containsEntry("value", "prod");
  }
}
