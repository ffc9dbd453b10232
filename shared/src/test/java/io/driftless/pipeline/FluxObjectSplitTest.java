package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObject;
import java.util.List;
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
}
