package io.driftless.model.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flux's Helm objects parse with every field kept; bad input names the file, the object and the field. */
class HelmObjectsTest {
  private static final String FILE = "apps/podinfo/release.yaml";

  private static KubeObject one(String yaml) {
    return new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE);
  }

  private static HelmRelease release(String spec) {
    return HelmObjects.helmRelease(one("""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: podinfo, namespace: apps}
        spec:
        """ + spec.indent(2)));
  }

  private static void assertRefused(String spec, String message) {
    assertThatThrownBy(() -> release(spec))
        .isInstanceOf(ManifestException.class)
        .hasMessage(FILE + ": HelmRelease/apps/podinfo: " + message);
  }

  @Test
  void aHelmReleaseKeepsEverySpecField() {
    HelmRelease hr = release("""
        interval: 10m
        timeout: 3m
        chart:
          metadata: {labels: {team: a}, annotations: {note: x}}
          spec:
            chart: podinfo
            version: ">=6.0.0 <7.0.0"
            sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}
            interval: 1h
            reconcileStrategy: Revision
            valuesFiles: [values.yaml, values-prod.yaml]
            ignoreMissingValuesFiles: true
            verify: {provider: cosign, secretRef: {name: keys}}
        releaseName: web
        targetNamespace: web
        storageNamespace: flux-system
        kubeConfig: {secretRef: {name: remote, key: value.yaml}}
        serviceAccountName: deployer
        persistentClient: false
        suspend: false
        maxHistory: 3
        dependsOn: [{name: cert-manager, namespace: cert-manager}]
        driftDetection:
          mode: warn
          ignore: [{paths: [/spec/replicas], target: {kind: Deployment}}]
        install:
          timeout: 2m
          crds: CreateReplace
          createNamespace: true
          replace: true
          disableHooks: true
          disableWait: true
          disableWaitForJobs: true
          disableOpenAPIValidation: true
          disableSchemaValidation: true
          disableTakeOwnership: true
          serverSideApply: false
          strategy: {name: RetryOnFailure, retryInterval: 2m}
          remediation: {retries: 3, ignoreTestFailures: true, remediateLastFailure: true}
        upgrade:
          crds: Skip
          force: true
          preserveValues: true
          cleanupOnFail: true
          serverSideApply: auto
          chartNameChangeStrategy: InPlaceUpdate
          remediation: {retries: -1, strategy: uninstall}
        test: {enable: true, timeout: 1m, ignoreFailures: true, filters: [{name: smoke, exclude: true}]}
        rollback: {timeout: 1m, disableWait: true, recreate: true, force: true, cleanupOnFail: true, serverSideApply: disabled}
        uninstall: {keepHistory: true, disableHooks: true, deletionPropagation: orphan}
        valuesFrom:
          - {kind: ConfigMap, name: podinfo-values}
          - {kind: Secret, name: podinfo-secret, valuesKey: token, targetPath: auth.token, optional: true, literal: true}
        values:
          replicaCount: 2
          ingress: {enabled: true, hosts: [a.example]}
        postRenderers:
          - kustomize:
              patches: [{patch: "- op: add", target: {kind: Deployment}}]
              images: [{name: podinfo, newTag: "6.5.0"}]
        postRenderStrategy: separate
        commonMetadata: {labels: {env: prod}}
        waitStrategy: {name: legacy}
        healthCheckExprs: [{apiVersion: example.com/v1, kind: Thing, current: "status.ok"}]
        """);

    HelmRelease.Spec s = hr.spec();
    assertThat(hr.key()).isEqualTo("apps/podinfo");
    assertThat(hr.helmChartName()).isEqualTo("apps-podinfo");
    assertThat(s.chart().metadata().labels()).containsEntry("team", "a");
    assertThat(s.chart().spec().effectiveVersion()).isEqualTo(">=6.0.0 <7.0.0");
    assertThat(s.chart().spec().sourceRef().namespaceOr("apps")).isEqualTo("flux-system");
    assertThat(s.chart().spec().valuesFiles()).containsExactly("values.yaml", "values-prod.yaml");
    assertThat(s.chart().spec().verify().secretRef().name()).isEqualTo("keys");
    assertThat(s.kubeConfig().secretRef().key()).isEqualTo("value.yaml");
    assertThat(s.persistentClient()).isFalse();
    assertThat(s.effectiveMaxHistory()).isEqualTo(3);
    assertThat(s.dependencies().get(0).namespace()).isEqualTo("cert-manager");
    assertThat(s.driftDetection().ignore().get(0).target().kind()).isEqualTo("Deployment");
    assertThat(s.install().effectiveCrds()).isEqualTo("CreateReplace");
    assertThat(s.install().strategy().retryInterval()).isEqualTo("2m");
    assertThat(s.install().remediation().retries()).isEqualTo(3);
    assertThat(s.install().serverSideApply()).isFalse();
    assertThat(s.upgrade().effectiveCrds()).isEqualTo("Skip");
    assertThat(s.upgrade().remediation().strategy()).isEqualTo("uninstall");
    assertThat(s.upgrade().chartNameChangeStrategy()).isEqualTo("InPlaceUpdate");
    assertThat(s.test().enabled()).isTrue();
    assertThat(s.test().filters().get(0).exclude()).isTrue();
    assertThat(s.rollback().serverSideApply()).isEqualTo("disabled");
    assertThat(s.uninstall().effectiveDeletionPropagation()).isEqualTo("orphan");
    assertThat(s.valuesReferences().get(0).effectiveValuesKey()).isEqualTo("values.yaml");
    assertThat(s.valuesReferences().get(1).literal()).isTrue();
    assertThat(s.values()).containsEntry("replicaCount", 2);
    assertThat(s.values().get("ingress")).isEqualTo(Map.of("enabled", true, "hosts", List.of("a.example")));
    assertThat(s.postRenderers().get(0).kustomize().images().get(0).newTag()).isEqualTo("6.5.0");
    assertThat(s.postRenderStrategy()).isEqualTo("separate");
    assertThat(s.commonMetadata().labels()).containsEntry("env", "prod");
    assertThat(s.waitStrategy().name()).isEqualTo("legacy");
    assertThat(s.healthCheckExprs().get(0).current()).isEqualTo("status.ok");
  }

  @Test
  void defaultsAreFluxs() {
    HelmRelease hr = release("""
        interval: 1h
        chart:
          spec:
            chart: cert-manager
            sourceRef: {kind: HelmRepository, name: cert-manager}
        install: {}
        upgrade: {}
        """);
    assertThat(hr.spec().chart().spec().effectiveVersion()).isEqualTo("*");
    assertThat(hr.spec().chart().spec().effectiveReconcileStrategy()).isEqualTo("ChartVersion");
    assertThat(hr.spec().chart().spec().sourceRef().namespaceOr("apps")).isEqualTo("apps");
    assertThat(hr.spec().effectiveMaxHistory()).isEqualTo(5);
    assertThat(hr.spec().install().effectiveCrds()).isEqualTo("Create");
    assertThat(hr.spec().upgrade().effectiveCrds()).isEqualTo("Create");
  }

  @Test
  void aChartRefReleaseParses() {
    HelmRelease hr = release("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: podinfo}
        """);
    assertThat(hr.spec().chartRef().kind()).isEqualTo("OCIRepository");
    assertThat(hr.spec().chart()).isNull();
  }

  @Test
  void badReleasesNameTheField() {
    assertRefused("chartRef: {kind: OCIRepository, name: p}", "spec.interval is required");
    assertRefused("interval: 1h", "spec.chart or spec.chartRef must be set, not both and not neither");
    assertRefused("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: p}
        chart: {spec: {chart: p, sourceRef: {kind: HelmRepository, name: p}}}
        """, "spec.chart or spec.chartRef must be set, not both and not neither");
    assertRefused("""
        interval: 1h
        chart: {spec: {chart: p, sourceRef: {kind: OCIRepository, name: p}}}
        """, "spec.chart.spec.sourceRef.kind 'OCIRepository' is not one of HelmRepository, GitRepository, Bucket");
    assertRefused("""
        interval: 1h
        chart: {spec: {sourceRef: {kind: HelmRepository, name: p}}}
        """, "spec.chart.spec.chart is required");
    assertRefused("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: p}
        install: {crds: Always}
        """, "spec.install.crds 'Always' is not one of Skip, Create, CreateReplace");
    assertRefused("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: p}
        upgrade: {strategy: {name: RemediateOnFailure, retryInterval: 1m}}
        """, "spec.upgrade.strategy.retryInterval can only be set when strategy.name is RetryOnFailure");
    assertRefused("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: p}
        valuesFrom: [{kind: ConfigMap}]
        """, "spec.valuesFrom[0].name is required");
    assertRefused("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: p}
        timeout: five minutes
        """, "spec.timeout 'five minutes' is not a duration like 10m or 1h30m");
    assertRefused("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: p}
        releaseName: a-release-name-that-is-far-too-long-for-helm-to-accept-it
        """, "spec.releaseName must be 1 to 53 characters");
    assertRefused("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: p}
        maxHistory: lots
        """, "spec.maxHistory has the wrong type 'lots', want an integer");
    assertRefused("""
        interval: 1h
        chartRef: {kind: OCIRepository, name: p}
        kubeConfig: {}
        """, "spec.kubeConfig must set exactly one of secretRef and configMapRef");
  }

  @Test
  void aWrongApiVersionIsNamed() {
    assertThatThrownBy(() -> HelmObjects.helmRelease(one("""
        apiVersion: helm.toolkit.fluxcd.io/v2alpha1
        kind: HelmRelease
        metadata: {name: podinfo, namespace: apps}
        spec: {interval: 1h}
        """)))
        .hasMessage(FILE + ": HelmRelease/apps/podinfo: apiVersion unsupported version "
            + "'helm.toolkit.fluxcd.io/v2alpha1', want helm.toolkit.fluxcd.io/v2 (or helm.toolkit.fluxcd.io/v2beta2, "
            + "helm.toolkit.fluxcd.io/v2beta1, read as helm.toolkit.fluxcd.io/v2)");
  }

  @Test
  void helmRepositoriesOfBothTypes() {
    HelmRepository http = HelmObjects.helmRepository(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: cert-manager}
        spec:
          url: https://charts.jetstack.io
          interval: 1h
          timeout: 1m
          secretRef: {name: creds}
          certSecretRef: {name: tls}
          passCredentials: true
          accessFrom: {namespaceSelectors: [{matchLabels: {team: a}}]}
          suspend: false
        """));
    assertThat(http.key()).isEqualTo("flux-system/cert-manager");
    assertThat(http.isOci()).isFalse();
    assertThat(http.spec().passCredentialsEnabled()).isTrue();
    assertThat(http.spec().accessFrom().namespaceSelectors().get(0).matchLabels()).containsEntry("team", "a");

    HelmRepository oci = HelmObjects.helmRepository(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec: {type: oci, url: "oci://ghcr.io/stefanprodan/charts", provider: generic, insecure: true}
        """));
    assertThat(oci.isOci()).isTrue();
    assertThat(oci.spec().insecureEnabled()).isTrue();

    assertThatThrownBy(() -> HelmObjects.helmRepository(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec: {url: "oci://ghcr.io/stefanprodan/charts"}
        """)))
        .hasMessage(FILE + ": HelmRepository/flux-system/podinfo: spec.url starts with oci:// but spec.type is not oci");
    assertThatThrownBy(() -> HelmObjects.helmRepository(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec: {url: "ftp://charts"}
        """)))
        .hasMessageContaining("spec.url must start with http://, https:// or oci://, got 'ftp://charts'");
  }

  @Test
  void helmChartsAndOciRepositories() {
    HelmChart chart = HelmObjects.helmChart(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmChart
        metadata: {name: podinfo, namespace: flux-system}
        spec:
          chart: ./charts/podinfo
          sourceRef: {kind: GitRepository, name: podinfo}
          interval: 5m
          reconcileStrategy: Revision
          valuesFiles: [values-prod.yaml]
          suspend: true
        """));
    assertThat(chart.spec().sourceRef().kind()).isEqualTo("GitRepository");
    assertThat(chart.spec().effectiveReconcileStrategy()).isEqualTo("Revision");
    assertThat(chart.spec().suspended()).isTrue();

    for (String version : List.of("v1", "v1beta2")) {
      OCIRepository repo = HelmObjects.ociRepository(one("""
          apiVersion: source.toolkit.fluxcd.io/%s
          kind: OCIRepository
          metadata: {name: podinfo, namespace: flux-system}
          spec:
            url: oci://ghcr.io/stefanprodan/charts/podinfo
            interval: 10m
            ref: {semver: ">=6.0.0", semverFilter: ".*-rc.*"}
            layerSelector: {mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", operation: copy}
            secretRef: {name: ghcr}
            certSecretRef: {name: tls}
            proxySecretRef: {name: proxy}
            serviceAccountName: puller
            provider: aws
            insecure: false
            ignore: "*.md"
            timeout: 60s
            verify: {provider: cosign, matchOIDCIdentity: [{issuer: "^https://token.actions", subject: ".*"}]}
          """.formatted(version)));
      assertThat(repo.apiVersion()).endsWith(version);
      assertThat(repo.spec().effectiveRef().semver()).isEqualTo(">=6.0.0");
      assertThat(repo.spec().layerSelector().operation()).isEqualTo("copy");
      assertThat(repo.spec().verify().matchOIDCIdentity().get(0).subject()).isEqualTo(".*");
    }

    OCIRepository latest = HelmObjects.ociRepository(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec: {url: "oci://ghcr.io/stefanprodan/charts/podinfo", interval: 10m}
        """));
    assertThat(latest.spec().effectiveRef().tag()).isEqualTo("latest");
    assertThatThrownBy(() -> HelmObjects.ociRepository(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec: {url: "oci://ghcr.io/p", interval: 10m, layerSelector: {operation: unpack}}
        """)))
        .hasMessage(FILE + ": OCIRepository/flux-system/podinfo: spec.layerSelector.operation 'unpack' is not one of extract, copy");
  }

  @Test
  void recognisesOnlyTheHelmKinds() {
    assertThat(HelmObjects.parse(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: x}
        spec: {url: "https://x", interval: 1m}
        """))).isEmpty();
    assertThat(HelmObjects.parse(one("""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: x, namespace: y}
        spec: {interval: 1m, chartRef: {kind: HelmChart, name: c}}
        """))).get().isInstanceOf(HelmRelease.class);
  }
}
