package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObject;
import io.driftless.record.RootRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flux's Helm objects in a build are discovered as work, never sent to the cluster. */
class FluxObjectSplitTest {
  private static final String FILE = "apps/podinfo.yaml";

  private static List<KubeObject> build(String yaml) {
    return Yaml.readDocuments(FILE, yaml).stream().map(d -> new KubeObject(d, FILE)).toList();
  }

  @Test
  void helmObjectsAreDiscoveredAndNotApplied() {
    FluxObjectSplit split = FluxObjectSplit.of(build("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec: {url: "https://stefanprodan.github.io/podinfo", interval: 1h}
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: podinfo, namespace: apps}
        spec:
          interval: 1h
          chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}}}
        ---
        apiVersion: source.toolkit.fluxcd.io/v1beta2
        kind: OCIRepository
        metadata: {name: cilium, namespace: flux-system}
        spec: {url: "oci://ghcr.io/cilium/charts/cilium", interval: 1h}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: podinfo-values, namespace: apps}
        data: {values.yaml: "replicaCount: 2"}
        """));

    assertThat(split.flux().helm()).extracting(HelmObject::subject).containsExactly(
        "HelmRepository/flux-system/podinfo", "HelmRelease/apps/podinfo", "OCIRepository/flux-system/cilium");
    assertThat(split.toApply()).extracting(KubeObject::subject).containsExactly("ConfigMap/apps/podinfo-values");
  }

  @Test
  void aBadHelmReleaseFailsTheBuildNamingTheField() {
    assertThatThrownBy(() -> FluxObjectSplit.of(build("""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: podinfo, namespace: apps}
        spec: {chartRef: {kind: OCIRepository, name: podinfo}}
        """)))
        .isInstanceOf(ManifestException.class)
        .hasMessage(FILE + ": HelmRelease/apps/podinfo: spec.interval is required");
  }

  @Test
  void providersAndAlertsAreDiscoveredAndNotApplied() {
    FluxObjectSplit split = FluxObjectSplit.of(build("""
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata: {name: slack, namespace: flux-system}
        spec: {type: slack, channel: "#flux-alerts", secretRef: {name: slack-webhook-url}}
        ---
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata: {name: on-call, namespace: flux-system}
        spec:
          providerRef: {name: slack}
          eventSeverity: error
          eventSources: [{kind: Kustomization, name: "*"}, {kind: HelmRelease, name: "*"}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: podinfo-values, namespace: apps}
        data: {values.yaml: "replicaCount: 2"}
        """));

    assertThat(split.flux().notifications()).extracting(KubeObject::subject)
        .containsExactly("Provider/flux-system/slack", "Alert/flux-system/on-call");
    assertThat(split.toApply()).extracting(KubeObject::subject).containsExactly("ConfigMap/apps/podinfo-values");
  }

  @Test
  void aProviderFieldDriftlessDoesNotActOnFailsTheBuildNamingIt() {
    assertThatThrownBy(() -> FluxObjectSplit.of(build("""
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata: {name: github, namespace: flux-system}
        spec:
          type: github
          address: https://github.com/org/repo
          secretRef: {name: github-token}
          commitStatusExpr: "event.involvedObject.name"
        """)))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith(FILE + ": Provider/flux-system/github: spec.commitStatusExpr is set");
  }

  private static final String OPERATOR = """
      apiVersion: fluxcd.controlplane.io/v1
      kind: FluxInstance
      metadata: {name: flux, namespace: flux-system}
      spec:
        distribution: {version: "2.x", registry: ghcr.io/fluxcd}
        sync: {kind: GitRepository, url: "https://github.com/me/home-ops", ref: refs/heads/main, path: kubernetes/flux/cluster}
      ---
      apiVersion: fluxcd.controlplane.io/v1
      kind: ResourceSet
      metadata: {name: apps, namespace: flux-system}
      spec: {resources: []}
      ---
      apiVersion: source.toolkit.fluxcd.io/v1
      kind: OCIRepository
      metadata: {name: flux-operator, namespace: flux-system}
      spec: {interval: 1h, url: "oci://ghcr.io/controlplaneio-fluxcd/charts/flux-operator", ref: {tag: 0.28.0}}
      ---
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata: {name: flux-operator, namespace: flux-system}
      spec:
        interval: 1h
        chartRef: {kind: OCIRepository, name: flux-operator}
        install: {strategy: {name: RetryOnFailure}}
      ---
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata: {name: flux-instance, namespace: flux-system}
      spec: {interval: 1h, chart: {spec: {chart: flux-instance, sourceRef: {kind: HelmRepository, name: controlplane}}}}
      ---
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata: {name: podinfo, namespace: flux-system}
      spec: {interval: 1h, chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}}}}
      """;

  @Test
  void theFluxOperatorsObjectsAndChartsAreSkippedNeverParsedNorApplied() {
    FluxObjectSplit split = FluxObjectSplit.of(build(OPERATOR));

    assertThat(split.skippedOperator()).extracting(KubeObject::subject).containsExactly(
        "FluxInstance/flux-system/flux", "ResourceSet/flux-system/apps", "OCIRepository/flux-system/flux-operator",
        "HelmRelease/flux-system/flux-operator", "HelmRelease/flux-system/flux-instance");
    assertThat(split.flux().helm()).extracting(HelmObject::subject).containsExactly("HelmRelease/flux-system/podinfo");
    assertThat(split.toApply()).isEmpty();
  }

  @Test
  void eachSkippedOperatorObjectHasOneLineAndAFluxInstanceSyncingElsewhereIsSaidNotFollowed() {
    List<KubeObject> skipped = FluxObjectSplit.of(build(OPERATOR)).skippedOperator();
    RootRecord same = new RootRecord("prod", "https://github.com/me/home-ops.git", "main", "kubernetes/flux/cluster", "prod", null, null);
    RootRecord other = new RootRecord("prod", "https://github.com/me/fleet", "main", "clusters/prod", "prod", null, null);

    assertThat(OperatorObjects.skipped("Kustomization/flux-system/flux-system", skipped.get(0), Optional.of(same)))
        .isEqualTo("Kustomization/flux-system/flux-system: skipped FluxInstance/flux-system/flux from " + FILE
            + ": the Flux Operator's; its spec.sync is root prod's");
    assertThat(OperatorObjects.skipped("Kustomization/flux-system/flux-system", skipped.get(0), Optional.of(other)))
        .isEqualTo("Kustomization/flux-system/flux-system: skipped FluxInstance/flux-system/flux from " + FILE
            + ": the Flux Operator's; its spec.sync (https://github.com/me/home-ops main ./kubernetes/flux/cluster)"
            + " is not root prod's (https://github.com/me/fleet main ./clusters/prod): not followed;"
            + " `driftless bootstrap --from " + FILE + "` registers it");
    assertThat(OperatorObjects.skipped("Kustomization/flux-system/flux-system", skipped.get(1), Optional.of(same)))
        .endsWith("the Flux Operator's ResourceSet is not rendered by Driftless; the objects it would generate are not applied");
    assertThat(OperatorObjects.skipped("Kustomization/flux-system/flux-system", skipped.get(3), Optional.of(same)))
        .endsWith("HelmRelease/flux-system/flux-operator from " + FILE
            + ": the Flux Operator's, and Driftless runs in its place (no second Flux is installed)");
  }
}
