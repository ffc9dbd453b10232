package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** postBuild: inline substitute and substituteFrom a ConfigMap in the cluster, with Flux's strict rule. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class PostBuildSubstitutionTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;
  private StateStore store;
  private Engine engine;
  private KubernetesClient kube;

  @BeforeEach
  void setUp() {
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/demo/app.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: app
              namespace: flux-system
            spec:
              interval: 10m
              path: ./app
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
              postBuild:
                substitute:
                  cluster_env: production
                substituteFrom:
                  - kind: ConfigMap
                    name: cluster-vars
                  - kind: Secret
                    name: not-there
                    optional: true
            """);
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);
    kube = fleet.kube();
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata().build()).create();
    kube.configMaps().inNamespace("flux-system").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("cluster-vars").endMetadata()
        .addToData("region", "eu-west-1").addToData("replicas", "3").build()).create();
    store = fleet.store();
    engine = fleet.engine();
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  @Test
  void variablesFromTheSpecAndTheClusterAreSubstituted() {
    remote.write("app/settings.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings-${cluster_env}
          namespace: default
        data:
          region: ${region}
          literal: $${kept}
          greeting: ${greeting:=hello}
        """).commit("app");

    engine.reconcile(ManualReconcile.all());

    var cm = kube.configMaps().inNamespace("default").withName("settings-production").get();
    assertThat(cm).isNotNull();
    assertThat(cm.getData()).containsEntry("region", "eu-west-1").containsEntry("literal", "${kept}")
        .containsEntry("greeting", "hello");
  }

  @Test
  void anUndefinedVariableFailsTheBuildAndAppliesNothing() {
    remote.write("app/settings.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: default
        data:
          zone: ${zone}
        """).commit("app");

    engine.reconcile(ManualReconcile.all());

    Condition ready = store.getKustomization("demo", "flux-system/app").map(KustomizationRecord::status)
        .orElseThrow().condition(Condition.READY).orElseThrow();
    assertThat(ready.reason()).isEqualTo("BuildFailed");
    assertThat(ready.message()).contains("zone").contains("ConfigMap/default/settings");
    assertThat(kube.configMaps().inNamespace("default").withName("settings").get()).isNull();
  }
}
