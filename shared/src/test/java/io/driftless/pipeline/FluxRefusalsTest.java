package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.Tenancy;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's refusal checks run one by one on an object found in Git: every refused field is named, none hides the next. */
class FluxRefusalsTest {
  @Test
  void aHelmReleaseGetsOneRefusalPerFieldFromEveryCheck() {
    KubeObject hr = object("""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: podinfo
          namespace: apps
        spec:
          chart:
            spec:
              chart: podinfo
              sourceRef: {kind: Bucket, name: charts, namespace: flux-system}
              verify: {provider: cosign}
          interval: 10m
        """);

    assertThat(FluxRefusals.of(hr, Tenancy.OPEN)).extracting(FluxRefusals.Refusal::field)
        .containsExactly("spec.chart.spec.verify", "spec.chart.spec.sourceRef");
    assertThat(FluxRefusals.of(hr, Tenancy.OPEN.withNoCrossNamespaceRefs(true))).extracting(FluxRefusals.Refusal::field)
        .containsExactly("spec.chart.spec.verify", "spec.chart.spec.sourceRef.namespace", "spec.chart.spec.sourceRef");
  }

  @Test
  void aKustomizationGetsTheRefusalsOfItsParserSourceAndDecryptionChecks() {
    KubeObject ks = object("""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: tenant-apps, namespace: team-a}
        spec:
          decryption: {provider: sops, serviceAccountName: kms}
          sourceRef: {kind: Bucket, name: manifests}
          prune: false
          interval: 1h
        """);

    List<FluxRefusals.Refusal> refusals = FluxRefusals.of(ks, Tenancy.OPEN);

    assertThat(refusals).extracting(FluxRefusals.Refusal::field)
        .containsExactly("spec.decryption.serviceAccountName", "spec.sourceRef.kind");
    assertThat(refusals.get(1).message()).isEqualTo("Bucket is not supported yet (GitRepository, OCIRepository and ExternalArtifact are)");
  }

  @Test
  void whatTheEngineSkipsOrDoesNotReadIsNotChecked() {
    KubeObject component = object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: helm-controller, namespace: flux-system, labels: {app.kubernetes.io/part-of: flux}}
        """);
    KubeObject policy = object("""
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImagePolicy
        metadata: {name: podinfo, namespace: apps}
        """);

    assertThat(FluxRefusals.verdict(component, List.of(component))).isEqualTo(FluxRefusals.Verdict.SKIPPED_FLUX_COMPONENT);
    assertThat(FluxRefusals.verdict(policy, List.of(policy))).isEqualTo(FluxRefusals.Verdict.UNREAD_FLUX_KIND);
  }

  @Test
  void aParserErrorIsARefusalOfTheFieldItNames() {
    assertThat(FluxRefusals.refusal("deploy/podinfo.yaml: HelmRelease/prod/podinfo: apiVersion unsupported version "
        + "'helm.toolkit.fluxcd.io/v2beta2', want helm.toolkit.fluxcd.io/v2"))
        .isEqualTo(new FluxRefusals.Refusal("apiVersion",
            "unsupported version 'helm.toolkit.fluxcd.io/v2beta2', want helm.toolkit.fluxcd.io/v2"));
  }

  private static KubeObject object(String yaml) {
    return new KubeObject(Yaml.readDocuments("release.yaml", yaml).get(0), "release.yaml");
  }
}
