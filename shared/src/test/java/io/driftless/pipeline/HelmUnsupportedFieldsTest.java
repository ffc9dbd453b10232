package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRelease;
import io.driftless.testing.TestHelmReleases;
import org.junit.jupiter.api.Test;

/** A HelmRelease field Driftless does not act on is refused by name, unless it is at its default. */
class HelmUnsupportedFieldsTest {

  private static HelmRelease hr(String extraSpec) {
    return TestHelmReleases.parse("web", extraSpec);
  }

  @Test
  void fieldsAtTheirDefaultsAreAccepted() {
    assertThatCode(() -> HelmUnsupportedFields.refuse(hr("""
          driftDetection: {mode: disabled}
          install: {crds: Create, createNamespace: true, serverSideApply: true}
          upgrade: {chartNameChangeStrategy: Reinstall, serverSideApply: auto}
          uninstall: {keepHistory: true, deletionPropagation: background}
          test: {enable: false}
          waitStrategy: {name: poller}
        """))).doesNotThrowAnyException();
  }

  @Test
  void aFieldNotActedOnIsRefusedByNameInOneLine() {
    HelmRelease hr = HelmObjects.helmRelease(new KubeObject(Yaml.readDocuments("release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: apps}
        spec:
          interval: 10m
          chart: {spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}, verify: {provider: cosign}}}
        """).get(0), "release.yaml"));
    assertThatThrownBy(() -> HelmUnsupportedFields.refuse(hr))
        .isInstanceOf(StageFailure.class)
        .hasMessage("HelmRelease/apps/web: spec.chart.spec.verify is not supported by Driftless yet;"
            + " refused rather than installed without it");
  }

  @Test
  void theFieldsDriftlessActsOnAreAccepted() {
    assertThatCode(() -> HelmUnsupportedFields.refuse(hr("""
          serviceAccountName: deployer
          kubeConfig: {secretRef: {name: remote}}
          driftDetection: {mode: warn, ignore: [{paths: [/spec/replicas]}]}
          postRenderers: [{kustomize: {images: [{name: web, newTag: "2"}]}}]
          commonMetadata: {labels: {team: web}}
          install: {replace: true, disableSchemaValidation: true, disableOpenAPIValidation: true}
          upgrade: {force: true, cleanupOnFail: true, disableSchemaValidation: true, disableOpenAPIValidation: true}
        """))).doesNotThrowAnyException();
  }

  @Test
  void theInstallUpgradeRollbackAndUninstallOptionsAreAccepted() {
    assertThatCode(() -> HelmUnsupportedFields.refuse(hr("""
          waitStrategy: {name: legacy}
          install: {disableTakeOwnership: true, disableWaitForJobs: true, serverSideApply: false}
          upgrade: {preserveValues: true, disableTakeOwnership: true, disableWaitForJobs: true,
            chartNameChangeStrategy: InPlaceUpdate, serverSideApply: disabled}
          rollback: {force: true, recreate: true, cleanupOnFail: true, disableWaitForJobs: true, serverSideApply: disabled}
          uninstall: {deletionPropagation: orphan}
        """))).doesNotThrowAnyException();
  }

  @Test
  void retryOnFailureAndEveryRemediationOptionAreAccepted() {
    assertThatCode(() -> HelmUnsupportedFields.refuse(hr("""
          install: {remediation: {retries: 2}, strategy: {name: RetryOnFailure}}
          upgrade: {remediation: {retries: 1, strategy: uninstall, remediateLastFailure: true},
            strategy: {name: RetryOnFailure, retryInterval: 1m}}
          test: {enable: true, ignoreFailures: true, filters: [{name: web-test}]}
          rollback: {timeout: 1m, disableWait: true, disableHooks: true}
        """))).doesNotThrowAnyException();
  }

  @Test
  void theCelFieldsAndEveryPostRenderStrategyAreAccepted() {
    for (String strategy : java.util.List.of("nohooks", "combined", "separate")) {
      assertThatCode(() -> HelmUnsupportedFields.refuse(hr("""
            dependsOn: [{name: db, readyExpr: "dep.status.conditions.all(c, c.status == 'True')"}]
            healthCheckExprs: [{apiVersion: cert-manager.io/v1, kind: ClusterIssuer, current: "true"}]
            postRenderStrategy: %s
          """.formatted(strategy)))).doesNotThrowAnyException();
    }
  }
}
