package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.apply.Action;
import io.driftless.model.ObjectId;
import io.driftless.model.Reason;
import io.driftless.sandbox.SandboxApiServer;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flux fields that change where or how a Kustomization applies: {@code spec.kubeConfig} sends it to
 * another cluster (here a second sandbox) and never to the registered one; {@code spec.force} recreates
 * an object whose immutable field changed; {@code spec.deletionPolicy} decides what goes when a
 * Kustomization leaves Git.
 */
class FluxFieldsTest {
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;
  private SandboxApiServer spoke;

  @BeforeEach
  void setUp() throws Exception {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    fleet = LocalFleet.start(tmp).bootstrap(remote, null);
    spoke = SandboxApiServer.start(0);
    fleet.kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata().build()).create();
    String spokeConfig = Files.readString(spoke.writeKubeconfig(tmp.resolve("spoke.kubeconfig")));
    fleet.kube().secrets().inNamespace("flux-system").resource(new SecretBuilder()
        .withNewMetadata().withName("spoke-kubeconfig").endMetadata()
        .withData(Map.of("value", base64(spokeConfig), "exec", base64(spokeConfig.replace("token: sandbox",
            "exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: /bin/sh, args: [-c, 'touch /tmp/pwned']}"))))
        .build()).create();
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    spoke.close();
    remote.close();
  }

  private ReconcileOutcome reconcileSpoke(String kubeConfigSpec) {
    remote.write("clusters/demo/spoke.yaml", kustomization("spoke", "spoke", kubeConfigSpec))
        .write("spoke/cm.yaml", configMap("default", "on-the-spoke", "hello"))
        .commit("a Kustomization for a remote cluster");
    return fleet.engine().reconcile(ManualReconcile.all()).outcomes().stream()
        .filter(o -> o.kustomization().equals("flux-system/spoke")).findFirst().orElseThrow();
  }

  @Test
  void kubeConfigSecretRefAppliesToTheRemoteClusterOnly() {
    ReconcileOutcome spokeRun = reconcileSpoke("  kubeConfig:\n    secretRef:\n      name: spoke-kubeconfig\n");

    assertThat(spokeRun.ready()).as(spokeRun.message()).isTrue();
    assertThat(spoke.client().configMaps().inNamespace("default").withName("on-the-spoke").get()).isNotNull();
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("on-the-spoke").get()).isNull();
  }

  @Test
  void aMissingKubeConfigSecretIsNotReadyNamingItAndAppliesNowhere() {
    ReconcileOutcome spokeRun = reconcileSpoke("  kubeConfig:\n    secretRef:\n      name: nowhere\n");

    assertThat(spokeRun.ready()).isFalse();
    assertThat(spokeRun.reason()).isEqualTo(Reason.RECONCILIATION_FAILED);
    assertThat(spokeRun.message()).contains("spec.kubeConfig.secretRef: Secret/flux-system/nowhere not found");
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("on-the-spoke").get()).isNull();
    assertThat(spoke.client().configMaps().inNamespace("default").withName("on-the-spoke").get()).isNull();
  }

  @Test
  void aKubeconfigThatWouldRunACommandIsRefused() {
    ReconcileOutcome spokeRun = reconcileSpoke("  kubeConfig:\n    secretRef:\n      name: spoke-kubeconfig\n      key: exec\n");

    assertThat(spokeRun.ready()).isFalse();
    assertThat(spokeRun.message()).contains("Secret/flux-system/spoke-kubeconfig key exec").contains("exec");
    assertThat(Files.exists(Path.of("/tmp/pwned"))).isFalse();
    assertThat(spoke.client().configMaps().inNamespace("default").withName("on-the-spoke").get()).isNull();
  }

  @Test
  void forceRecreatesAnObjectWhoseImmutableFieldChanged() {
    remote.write("clusters/demo/web.yaml", kustomization("web", "web", ""))
        .write("web/deployment.yaml", deployment("web")).commit("web");
    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).isTrue();
    remote.write("web/deployment.yaml", deployment("web2")).commit("a new selector");

    ReconcileOutcome refused = web(fleet.engine().reconcile(ManualReconcile.all()));
    remote.write("clusters/demo/web.yaml", kustomization("web", "web", "  force: true\n")).commit("force");
    ReconcileOutcome forced = web(fleet.engine().reconcile(ManualReconcile.all()));

    assertThat(refused.reason()).isEqualTo(Reason.RECONCILIATION_FAILED);
    assertThat(refused.message()).contains("Deployment/default/web").contains("immutable");
    assertThat(forced.ready()).as(forced.message()).isTrue();
    assertThat(forced.changes().contains(new ObjectId("apps", "Deployment", "default", "web"), Action.CREATED)).isTrue();
    assertThat(fleet.kube().apps().deployments().inNamespace("default").withName("web").get()
        .getSpec().getSelector().getMatchLabels()).containsEntry("app", "web2");
  }

  @Test
  void aKustomizationThatLeavesGitTakesItsObjectsAsItsDeletionPolicySays() {
    Map<String, String> children = Map.of(
        "mirror", "",
        "kept", "PRUNE_OFF",
        "deleted", "  deletionPolicy: Delete\nPRUNE_OFF",
        "orphaned", "  deletionPolicy: Orphan\n");
    children.forEach((name, spec) -> {
      String yaml = kustomization(name, name, spec.replace("PRUNE_OFF", ""));
      remote.write("clusters/demo/" + name + ".yaml", spec.contains("PRUNE_OFF") ? yaml.replace("prune: true", "prune: false") : yaml)
          .write(name + "/cm.yaml", configMap("default", name, name));
    });
    remote.commit("four children");
    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).isTrue();
    children.keySet().forEach(name -> remote.delete("clusters/demo/" + name + ".yaml"));
    remote.write("clusters/demo/marker.yaml", configMap("default", "marker", "the path stays")).commit("they leave Git");

    fleet.engine().reconcile(ManualReconcile.all());

    assertThat(fleet.store().listKustomizations()).extracting(k -> k.key()).containsExactly("flux-system/flux-system");
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("mirror").get()).isNull();
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("deleted").get()).isNull();
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("kept").get()).isNotNull();
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("orphaned").get()).isNotNull();
  }

  private static ReconcileOutcome web(ReconcileReport report) {
    return report.outcomes().stream().filter(o -> o.kustomization().equals("flux-system/web")).findFirst().orElseThrow();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String deployment(String app) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec: {containers: [{name: web, image: nginx}]}
        """.formatted(app);
  }
}
