package io.driftless.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.render.kustomize.yaml.YamlWriter;
import io.driftless.model.FluxObjects;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecKustomizerTest {
  private static final String DEPLOY = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: ${replicas:=1}
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.0
      """;

  private static Kustomization.Spec spec(String specYaml) {
    String yaml = "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
        + "metadata:\n  name: apps\n  namespace: flux-system\nspec:\n" + specYaml.indent(2);
    KubeObject o = new KubeObject(YamlReader.readDocuments("ks.yaml", yaml).get(0), "ks.yaml");
    return FluxObjects.kustomization(o).spec();
  }

  @Test
  void specFieldsAreMergedIntoTheGeneratedKustomizationAsFluxDoes() {
    MemoryFileSystem fs = new MemoryFileSystem().write("apps/web.yaml", DEPLOY)
        .write("components/comp/kustomization.yaml", "kind: Component\ncommonLabels:\n  comp: \"yes\"\n");
    Kustomization.Spec spec = spec("""
        interval: 1m
        prune: true
        sourceRef: {kind: GitRepository, name: repo}
        path: ./apps
        targetNamespace: prod
        namePrefix: p-
        images:
        - name: nginx
          newTag: "1.27"
        components: [../components/comp, ../components/missing]
        ignoreMissingComponents: true
        patches:
        - patch: |
            - op: add
              path: /metadata/annotations
              value: {patched: "true"}
          target:
            kind: Deployment
        commonMetadata:
          labels:
            team: blue
        postBuild:
          substitute:
            replicas: "3"
        """);

    List<KubeObject> objects = new SpecKustomizer(KustomizeOptions.defaults()).build(fs, spec);

    assertThat(YamlWriter.write(objects.get(0).content())).isEqualTo("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
            patched: "true"
          labels:
            comp: "yes"
          name: p-web
          namespace: prod
        spec:
          replicas: ${replicas:=1}
          selector:
            matchLabels:
              comp: "yes"
          template:
            metadata:
              labels:
                comp: "yes"
            spec:
              containers:
              - image: nginx:1.27
                name: web
        """);
  }

  @Test
  void variablesAreLeftForThePostBuildStep() {
    MemoryFileSystem fs = new MemoryFileSystem().write("kustomization.yaml", "resources:\n- web.yaml\n")
        .write("web.yaml", DEPLOY);

    List<KubeObject> objects = new SpecKustomizer(KustomizeOptions.defaults()).build(fs,
        spec("interval: 1m\nprune: true\nsourceRef: {kind: GitRepository, name: repo}\n"));

    assertThat(((Map<?, ?>) objects.get(0).content().get("spec")).get("replicas"))
        .isEqualTo("${replicas:=1}");
  }
}
