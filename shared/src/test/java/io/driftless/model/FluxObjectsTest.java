package io.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Flux's own objects parse with every field kept; bad input names the file, the object and the field. */
class FluxObjectsTest {

  private static KubeObject one(String yaml) {
    return new KubeObject(Yaml.readDocuments("clusters/prod/apps.yaml", yaml).get(0), "clusters/prod/apps.yaml");
  }

  @Test
  void aKustomizationKeepsEverySpecField() {
    Kustomization ks = FluxObjects.kustomization(one("""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          retryInterval: 1m
          timeout: 5m
          path: ./apps/production
          prune: true
          wait: true
          force: false
          dependsOn: [{name: infrastructure}]
          sourceRef: {kind: GitRepository, name: flux-system}
          targetNamespace: apps
          namePrefix: prod-
          postBuild:
            substitute: {cluster: prod}
            substituteFrom: [{kind: ConfigMap, name: vars, optional: true}]
          decryption: {provider: sops, secretRef: {name: sops-age}}
          healthChecks: [{apiVersion: apps/v1, kind: Deployment, name: web, namespace: apps}]
          patches: [{patch: "- op: add", target: {kind: Deployment}}]
          images: [{name: nginx, newTag: "1.27"}]
          commonMetadata: {labels: {team: a}}
          ignore: [{paths: [/spec/replicas]}]
          suspend: false
        """));

    assertThat(ks.key()).isEqualTo("flux-system/apps");
    assertThat(ks.spec().pruneEnabled()).isTrue();
    assertThat(ks.spec().waitEnabled()).isTrue();
    assertThat(ks.spec().normalizedPath()).isEqualTo("apps/production");
    assertThat(ks.spec().dependencies()).extracting(Kustomization.DependencyRef::name).containsExactly("infrastructure");
    assertThat(ks.spec().postBuild().substituteFrom().get(0).optional()).isTrue();
    assertThat(ks.spec().decryption().secretRef().name()).isEqualTo("sops-age");
    assertThat(ks.spec().images().get(0).newTag()).isEqualTo("1.27");
    assertThat(ks.spec().ignore().get(0).paths()).isEqualTo(List.of("/spec/replicas"));
  }

  @Test
  void aMissingRequiredFieldNamesFileObjectAndField() {
    assertThatThrownBy(() -> FluxObjects.kustomization(one("""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          sourceRef: {kind: GitRepository, name: flux-system}
        """)))
        .isInstanceOf(ManifestException.class)
        .hasMessage("clusters/prod/apps.yaml: Kustomization/flux-system/apps: spec.prune is required");
  }

  @Test
  void aWrongTypeNamesTheField() {
    assertThatThrownBy(() -> FluxObjects.kustomization(one("""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
          dependsOn: infrastructure
        """)))
        .hasMessageContaining("Kustomization/flux-system/apps: spec.dependsOn has the wrong type");
  }

  @Test
  void aBadDurationNamesTheField() {
    assertThatThrownBy(() -> FluxObjects.gitRepository(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec:
          interval: ten minutes
          url: https://github.com/stefanprodan/podinfo
        """)))
        .hasMessage("clusters/prod/apps.yaml: GitRepository/flux-system/podinfo: spec.interval 'ten minutes' is not a duration like 10m or 1h30m");
  }

  @Test
  void aGitRepositoryDefaultsToTheMasterBranchAsFluxDoes() {
    GitRepository repo = FluxObjects.gitRepository(one("""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: podinfo}
        spec:
          interval: 1m
          url: https://github.com/stefanprodan/podinfo
          secretRef: {name: https-credentials}
          ignore: "/*\\n!/deploy"
        """));

    assertThat(repo.key()).isEqualTo("flux-system/podinfo");
    assertThat(repo.spec().effectiveRef().branch()).isEqualTo("master");
    assertThat(repo.spec().secretRef().name()).isEqualTo("https-credentials");
  }

  @Test
  void badYamlNamesTheFile() {
    assertThatThrownBy(() -> Yaml.readDocuments("clusters/prod/apps.yaml", "kind: [unclosed\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("clusters/prod/apps.yaml: invalid YAML");
  }
}
