package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.local.LocalChartRepository;
import io.driftless.model.Condition;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A push reaches the cluster: a commit to a real repository, a signed webhook, the objects in the
 * cluster (the sandbox and a real API server), status and inventory in DynamoDB Local; a second commit
 * removes an object and it is pruned.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class PushToClusterTest {
  @Parameter TestCluster cluster;
  private static final String SECRET = "test-webhook-secret";
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalChartRepository charts;
  private LocalFleet fleet;
  private StateStore store;
  private Engine engine;
  private KubernetesClient kube;

  @BeforeEach
  void setUp() throws Exception {
    remote = GitRemote.create(tmp.resolve("repo"), "main").copyTree(Path.of("../examples"), ".");
    charts = LocalChartRepository.forExamples(Path.of("../examples"), remote.workTree());
    Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, secret.toString());
    kube = fleet.kube();
    store = fleet.store();
    engine = fleet.engine();
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
    charts.close();
  }

  private void push(String commit) {
    var response = engine.webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main", commit)));
    assertThat(response.status()).isEqualTo(202);
    engine.drainPending();
  }

  private KustomizationStatus status(String key) {
    return store.getKustomization("demo", key).map(KustomizationRecord::status).orElseThrow();
  }

  @Test
  void aPushAppliesEveryKustomizationAndRecordsStatusAndInventory() {
    String commit = remote.commit("demo");

    push(commit);

    assertThat(kube.namespaces().withName("podinfo").get()).isNotNull();
    assertThat(kube.apps().deployments().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
    assertThat(kube.services().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
    var cm = kube.configMaps().inNamespace("podinfo").withName("podinfo-config").get();
    assertThat(cm.getMetadata().getLabels())
        .containsEntry("kustomize.toolkit.fluxcd.io/name", "apps")
        .containsEntry("kustomize.toolkit.fluxcd.io/namespace", "flux-system");
    for (String key : new String[] {"flux-system/flux-system", "flux-system/infrastructure", "flux-system/apps"}) {
      KustomizationStatus s = status(key);
      assertThat(s.isReady()).as(key + " ready").isTrue();
      assertThat(s.getLastAppliedRevision()).isEqualTo("main@sha1:" + commit);
      assertThat(s.condition(Condition.READY).orElseThrow().message()).isEqualTo("Applied revision: main@sha1:" + commit);
    }
    assertThat(status("flux-system/apps").getInventory())
        .extracting(InventoryEntry::id)
        .contains("podinfo_podinfo__Service", "_podinfo__Namespace", "podinfo_podinfo_apps_Deployment");
  }

  @Test
  void theExampleHelmReleaseInstallsWithItsGeneratedValuesAndUpgradesWhenTheyChange() throws Exception {
    push(remote.commit("demo"));
    var installed = kube.configMaps().inNamespace("hello").withName("hello").get();
    Path values = remote.workTree().resolve("infrastructure/hello/values.yaml");
    Files.writeString(values, Files.readString(values).replace("color: teal", "color: orange"));

    push(remote.commit("orange"));

    assertThat(installed.getData()).containsEntry("greeting", "Hello from a configMapGenerator")
        .containsEntry("color", "TEAL").containsEntry("replicas", "2");
    assertThat(installed.getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", "hello");
    assertThat(kube.configMaps().inNamespace("hello").withName("hello").get().getData()).containsEntry("color", "ORANGE");
    assertThat(kube.secrets().inNamespace("hello").withLabel("owner", "helm").withLabel("name", "hello").list().getItems())
        .extracting(secret -> secret.getMetadata().getName() + " " + secret.getMetadata().getLabels().get("status"))
        .containsExactlyInAnyOrder("sh.helm.release.v1.hello.v1 superseded", "sh.helm.release.v1.hello.v2 deployed");
    HelmRecord hr = store.getHelmObject("demo", "HelmRelease/hello/hello").orElseThrow();
    assertThat(hr.status().isReady()).isTrue();
    assertThat(hr.status().latest().orElseThrow().version()).isEqualTo(2);
    assertThat(hr.status().getLastAttemptedRevision()).isEqualTo("0.1.0");
  }

  @Test
  void fluxObjectsBecomeWorkItemsAndAreNotApplied() {
    push(remote.commit("demo"));

    assertThat(store.listKustomizations()).extracting(KustomizationRecord::key)
        .containsExactlyInAnyOrder("flux-system/flux-system", "flux-system/infrastructure", "flux-system/apps");
    assertThat(store.listHelmObjects()).extracting(HelmRecord::key)
        .containsExactlyInAnyOrder("HelmRelease/hello/hello", "HelmRepository/flux-system/demo-charts");
    assertThat(store.getKustomization("demo", "flux-system/apps").orElseThrow().parent())
        .isEqualTo("flux-system/flux-system");
    assertThat(kube.namespaces().withName("flux-system").get()).isNull();
  }

  @Test
  void aSecondCommitThatRemovesAnObjectPrunesIt() throws Exception {
    push(remote.commit("demo"));
    remote.delete("apps/podinfo/service.yaml");
    Path k = remote.workTree().resolve("apps/podinfo/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace("  - service.yaml\n", ""));
    String second = remote.commit("drop the service");

    push(second);

    assertThat(kube.services().inNamespace("podinfo").withName("podinfo").get()).isNull();
    assertThat(kube.apps().deployments().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
    assertThat(status("flux-system/apps").getInventory()).extracting(InventoryEntry::id)
        .doesNotContain("podinfo_podinfo__Service");
    assertThat(status("flux-system/apps").getLastAppliedRevision()).isEqualTo("main@sha1:" + second);
  }

  @Test
  void aFailedBuildAppliesNothingAndPrunesNothing() throws Exception {
    push(remote.commit("demo"));
    remote.delete("apps/podinfo/service.yaml");
    remote.write("apps/podinfo/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: podinfo}\n");
    Path k = remote.workTree().resolve("apps/podinfo/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace("  - service.yaml\n", "  - extra.yaml\n"));
    remote.write("apps/podinfo/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [broken\n");
    String broken = remote.commit("broken yaml");

    push(broken);

    assertThat(kube.configMaps().inNamespace("podinfo").withName("extra").get()).as("applies nothing").isNull();

    KustomizationStatus apps = status("flux-system/apps");
    assertThat(apps.isReady()).isFalse();
    assertThat(apps.condition(Condition.READY).orElseThrow().reason()).isEqualTo("BuildFailed");
    assertThat(apps.condition(Condition.READY).orElseThrow().message()).contains("apps/podinfo/configmap.yaml");
    assertThat(apps.getLastAttemptedRevision()).isEqualTo("main@sha1:" + broken);
    assertThat(apps.getLastAppliedRevision()).isNotEqualTo("main@sha1:" + broken);
    assertThat(kube.services().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
    assertThat(apps.getInventory()).extracting(InventoryEntry::id).contains("podinfo_podinfo__Service");
  }

  @Test
  void aDependentWaitsWhileItsDependencyIsNotReady() {
    remote.write("infrastructure/clusterrole.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n");
    String commit = remote.commit("break infrastructure");

    push(commit);

    assertThat(status("flux-system/infrastructure").condition(Condition.READY).orElseThrow().reason())
        .isEqualTo("BuildFailed");
    Condition apps = status("flux-system/apps").condition(Condition.READY).orElseThrow();
    assertThat(apps.reason()).isEqualTo("DependencyNotReady");
    assertThat(apps.message()).contains("flux-system/infrastructure");
    assertThat(kube.namespaces().withName("podinfo").get()).isNull();
  }

  @Test
  void filesTheGitRepositoryIgnoresAreNotApplied() throws Exception {
    Path sync = remote.workTree().resolve("clusters/demo/flux-system/gotk-sync.yaml");
    Files.writeString(sync, Files.readString(sync).replace("  url: ssh://", "  ignore: |\n    /apps/podinfo/scratch/\n  url: ssh://"));
    remote.write("apps/podinfo/scratch/notes.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: scratch, namespace: podinfo}\n");
    push(remote.commit("ignore the scratch directory"));
    remote.write("apps/podinfo/scratch/more.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: more, namespace: podinfo}\n");
    Path k = remote.workTree().resolve("apps/podinfo/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace("  - service.yaml\n", "  - service.yaml\n  - scratch/notes.yaml\n"));

    push(remote.commit("refer to an ignored file"));

    Condition apps = status("flux-system/apps").condition(Condition.READY).orElseThrow();
    assertThat(apps.reason()).isEqualTo("BuildFailed");
    assertThat(apps.message()).contains("scratch/notes.yaml");
    assertThat(kube.configMaps().inNamespace("podinfo").withName("scratch").get()).isNull();
  }

  @Test
  void aSuspendedKustomizationIsNotApplied() throws Exception {
    Path apps = remote.workTree().resolve("clusters/demo/apps.yaml");
    Files.writeString(apps, Files.readString(apps).replace("  prune: true\n", "  prune: true\n  suspend: true\n"));

    push(remote.commit("suspend apps"));

    assertThat(kube.namespaces().withName("podinfo").get()).isNull();
    assertThat(status("flux-system/apps").getLastAppliedRevision()).isNull();
    assertThat(status("flux-system/infrastructure").isReady()).isTrue();
  }

  @Test
  void fluxControllerComponentsAreSkipped() throws Exception {
    remote.write("clusters/demo/flux-system/gotk-components.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: flux-system
          labels:
            app.kubernetes.io/part-of: flux
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: kustomize-controller
          namespace: flux-system
          labels:
            app.kubernetes.io/part-of: flux
        spec:
          selector: {matchLabels: {app: kustomize-controller}}
          template:
            metadata: {labels: {app: kustomize-controller}}
            spec: {containers: [{name: manager, image: ghcr.io/fluxcd/kustomize-controller:v1.9.4}]}
        """);
    Path k = remote.workTree().resolve("clusters/demo/flux-system/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace("  - gotk-sync.yaml\n", "  - gotk-components.yaml\n  - gotk-sync.yaml\n"));

    push(remote.commit("flux bootstrap output"));

    assertThat(kube.namespaces().withName("flux-system").get()).isNull();
    assertThat(kube.apps().deployments().inAnyNamespace().list().getItems())
        .extracting(d -> d.getMetadata().getName()).containsExactly("podinfo");
    assertThat(status("flux-system/flux-system").isReady()).isTrue();
  }
}
