package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.local.LocalChartRepository;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.StateStore;
import io.driftless.source.Digests;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.FluxLayout;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HelmRepository and a HelmRelease in a Flux repository, pushed through the webhook, reconcile as
 * helm-controller would: the chart from an HTTP chart repository started here, values from a
 * configMapGenerator ConfigMap, the objects on the cluster (the sandbox and a real API server) and the
 * release in Helm's own Secrets; a values change upgrades, nothing changed does nothing, leaving Git
 * uninstalls, and an unknown chart version applies nothing.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseEndToEndTest {
  @Parameter TestCluster cluster;
  private static final String SECRET = "test-webhook-secret";
  private static final String HR = "HelmRelease/web/web";
  @TempDir Path tmp;
  private ChartRepositoryServer charts;
  private LocalChartRepository exampleCharts;
  private final StringBuilder index = new StringBuilder();
  private GitRemote remote;
  private LocalFleet fleet;
  private StateStore store;
  private Engine engine;
  private KubernetesClient kube;

  @BeforeEach
  void setUp() throws Exception {
    charts = ChartRepositoryServer.start();
    serve("1.0.0", TestCharts.packaged(tmp.resolve("charts"), "web", "1.0.0"));
    remote = GitRemote.create(tmp.resolve("repo"), "main").copyTree(Path.of("../examples"), ".");
    exampleCharts = LocalChartRepository.forExamples(Path.of("../examples"), remote.workTree());
    remote.write("clusters/demo/web.yaml", FluxLayout.kustomization("web", "apps/web", ""));
    remote.write("apps/web/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: web
        resources: [namespace.yaml, repository.yaml, release.yaml]
        configMapGenerator:
          - name: web-values
            files: [values.yaml]
        generatorOptions:
          disableNameSuffixHash: true
        """);
    remote.write("apps/web/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n");
    remote.write("apps/web/repository.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: charts}
        spec:
          interval: 10m
          url: %s
        """.formatted(charts.url("/charts")));
    remote.write("apps/web/release.yaml", release("1.0.0"));
    remote.write("apps/web/values.yaml", "replicaCount: 2\n");
    Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, secret.toString());
    kube = fleet.kube();
    store = fleet.store();
    engine = fleet.engine();
  }

  /** Serves the chart web at {@code version} and lists it in the repository's index. */
  private void serve(String version, byte[] chart) {
    charts.put("/charts/web-" + version + ".tgz", chart);
    index.append("      - {name: web, version: %s, urls: [web-%s.tgz], digest: \"%s\"}\n"
        .formatted(version, version, Digests.sha256(chart).substring("sha256:".length())));
    charts.put("/charts/index.yaml", "apiVersion: v1\nentries:\n  web:\n" + index);
  }

  private static String release(String version) {
    return release(version, "");
  }

  /** The HelmRelease web/web; {@code extraSpec} holds more spec lines, each indented by two spaces. */
  private static String release(String version, String extraSpec) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web}
        spec:
          interval: 10m
          chart:
            spec:
              chart: web
              version: "%s"
              sourceRef: {kind: HelmRepository, name: charts}
          install: {disableHooks: true}
          upgrade: {disableHooks: true}
          valuesFrom:
            - {kind: ConfigMap, name: web-values}
          values:
            image: {tag: "2.0.0"}
        """.formatted(version) + extraSpec;
  }

  @AfterEach
  void tearDown() {
    if (fleet != null) {
      fleet.close();
    }
    remote.close();
    charts.close();
    exampleCharts.close();
  }

  private void push(String commit) {
    var response = engine.webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main", commit)));
    assertThat(response.status()).isEqualTo(202);
    engine.drainPending();
  }

  private HelmReleaseStatus status() {
    return store.getHelmObject("demo", HR).map(HelmRecord::status).orElseThrow();
  }

  private List<StoredRelease> history() {
    return new ReleaseStorage(kube, "web", Clock.systemUTC()).history("web");
  }

  private Deployment deployment() {
    return kube.apps().deployments().inNamespace("web").withName("web-web").get();
  }

  @Test
  void installsTheChartWithValuesFromTheGeneratedConfigMapAndRecordsReleaseV1() {
    push(remote.commit("web"));

    Deployment d = deployment();
    assertThat(d).as("Deployment/web/web-web").isNotNull();
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/example/web:2.0.0");
    assertThat(d.getMetadata().getLabels())
        .containsEntry("helm.toolkit.fluxcd.io/name", "web")
        .containsEntry("helm.toolkit.fluxcd.io/namespace", "web")
        .containsEntry("app.kubernetes.io/managed-by", "Helm");
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry("meta.helm.sh/release-name", "web")
        .containsEntry("meta.helm.sh/release-namespace", "web");
    assertThat(kube.services().inNamespace("web").withName("web-cache").get()).as("the subchart's Service").isNotNull();
    assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").get())
        .as("the chart's CRD, by the Create policy").isNotNull();
    assertThat(kube.batch().v1().jobs().inNamespace("web").list().getItems()).as("hooks disabled").isEmpty();

    List<StoredRelease> history = history();
    assertThat(history).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED));
    assertThat(history.get(0).config()).containsEntry("replicaCount", 2);
    assertThat(history.get(0).description()).isEqualTo("Install complete");

    HelmReleaseStatus s = status();
    assertThat(s.isReady()).isTrue();
    assertThat(s.condition(Condition.RELEASED).orElseThrow().reason()).isEqualTo("InstallSucceeded");
    assertThat(s.condition(Condition.READY).orElseThrow().message())
        .isEqualTo("Helm install succeeded for release web/web.v1 with chart web@1.0.0");
    assertThat(s.getLastAttemptedRevision()).isEqualTo("1.0.0");
    assertThat(s.getLastAttemptedConfigDigest()).startsWith("sha256:");
    assertThat(s.getHistory()).extracting(HelmReleaseStatus.ReleaseSnapshot::version).containsExactly(1);
    assertThat(store.getHelmObject("demo", "HelmRepository/web/charts")).as("the repository is a work item").isPresent();
  }

  @Test
  void aValuesChangeUpgradesToV2AndNothingChangedMakesNoRevision() {
    push(remote.commit("web"));
    remote.write("apps/web/values.yaml", "replicaCount: 3\n");

    push(remote.commit("three replicas"));

    assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status).containsExactly(
        tuple(1, ReleaseStatus.SUPERSEDED),
        tuple(2, ReleaseStatus.DEPLOYED));
    assertThat(status().condition(Condition.READY).orElseThrow().reason()).isEqualTo("UpgradeSucceeded");
    assertThat(status().getHistory()).extracting(HelmReleaseStatus.ReleaseSnapshot::version).containsExactly(2, 1);

    remote.write("apps/podinfo/unrelated.txt", "not part of any build\n");
    push(remote.commit("an unrelated change"));

    assertThat(history()).extracting(StoredRelease::version).containsExactly(1, 2);
    assertThat(status().isReady()).isTrue();
  }

  @Test
  void aHelmReleaseThatLeavesGitIsUninstalled() throws Exception {
    push(remote.commit("web"));
    assertThat(deployment()).isNotNull();
    remote.delete("apps/web/release.yaml");
    Path k = remote.workTree().resolve("apps/web/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace(", release.yaml]", "]"));

    push(remote.commit("drop the release"));

    assertThat(deployment()).isNull();
    assertThat(kube.services().inNamespace("web").withName("web-cache").get()).isNull();
    assertThat(history()).as("release Secrets").isEmpty();
    assertThat(store.getHelmObject("demo", HR)).isEmpty();
  }

  @Test
  void anUnknownChartVersionAppliesNothingAndSaysWhy() {
    remote.write("apps/web/release.yaml", release("9.9.9"));

    push(remote.commit("no such version"));

    assertThat(deployment()).isNull();
    assertThat(history()).isEmpty();
    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.reason()).isEqualTo("ArtifactFailed");
    assertThat(ready.message()).startsWith(HR + ": ").contains("9.9.9").doesNotContain("\n");
  }

  @Test
  void aFieldDriftlessDoesNotActOnIsRefusedByName() {
    remote.write("apps/web/release.yaml", release("1.0.0", """
          postRenderers:
            - kustomize:
                images: [{name: ghcr.io/example/web, newTag: "3.0.0"}]
        """));

    push(remote.commit("post-renderer"));

    assertThat(deployment()).isNull();
    assertThat(history()).isEmpty();
    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.message()).startsWith(HR + ": spec.postRenderers is not supported by Driftless yet");
  }

  @Test
  void aTemplateErrorOnUpgradeAppliesNothingAndKeepsTheDeployedRelease() throws Exception {
    push(remote.commit("web"));
    Path broken = TestCharts.writeChart(tmp.resolve("broken"), "web", "1.1.0");
    Files.writeString(broken.resolve("templates/broken.yaml"), "{{ fail \"the chart refuses\" }}\n");
    serve("1.1.0", TestCharts.packageChart(broken));
    remote.write("apps/web/release.yaml", release("1.1.0"));

    push(remote.commit("broken chart"));

    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED));
    assertThat(deployment().getMetadata().getLabels()).containsEntry("version", "1.0.0");
    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.reason()).isEqualTo("UpgradeFailed");
    assertThat(ready.message()).startsWith(HR + ": Helm upgrade failed for release web/web with chart web@1.1.0: ")
        .contains("the chart refuses").doesNotContain("\n");
    assertThat(status().condition(Condition.RELEASED).orElseThrow().status()).isEqualTo(Condition.FALSE);
    assertThat(status().getLastAttemptedRevision()).isEqualTo("1.1.0");
  }

  @Test
  void aSuspendedReleaseIsLeftAloneAndOneThatDependsOnItWaits() {
    remote.write("apps/web/release.yaml", release("1.0.0", "  suspend: true\n") + """
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: api}
        spec:
          interval: 10m
          dependsOn: [{name: web}]
          chart:
            spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}}
          install: {disableHooks: true}
        """);

    push(remote.commit("suspended web, api after it"));

    assertThat(kube.apps().deployments().inNamespace("web").list().getItems()).isEmpty();
    assertThat(status().getConditions()).as("a suspended HelmRelease is not reconciled").isEmpty();
    Condition api = store.getHelmObject("demo", "HelmRelease/web/api").orElseThrow().status()
        .condition(Condition.READY).orElseThrow();
    assertThat(api.reason()).isEqualTo("DependencyNotReady");
    assertThat(api.message()).isEqualTo("HelmRelease/web/api: dependency 'HelmRelease/web/web' is not ready");
  }

  @Test
  void aChartFromTheGitRepositoryInstallsWithoutAnyChartRepository() throws Exception {
    TestCharts.writeChart(remote.workTree().resolve("charts"), "web", "1.2.0");
    remote.write("apps/web/release.yaml", release("1.0.0").replace(
        "chart: web\n      version: \"1.0.0\"\n      sourceRef: {kind: HelmRepository, name: charts}",
        "chart: ./charts/web\n      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}"));

    push(remote.commit("chart in git"));

    assertThat(deployment().getMetadata().getLabels()).containsEntry("version", "1.2.0");
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::chartVersion)
        .containsExactly(tuple(1, "1.2.0"));
    assertThat(status().getLastAttemptedRevision()).isEqualTo("1.2.0");
  }

  @Test
  void aStalePendingReleaseIsUnlockedAndMaxHistoryIsKept() {
    remote.write("apps/web/release.yaml", release("1.0.0", "  maxHistory: 2\n"));
    push(remote.commit("web"));
    ReleaseStorage storage = new ReleaseStorage(kube, "web", Clock.systemUTC());
    StoredRelease v1 = storage.get("web", 1).orElseThrow();
    storage.update(v1.withStatus(ReleaseStatus.PENDING_UPGRADE, "Preparing upgrade")); // a function that died
    remote.write("apps/web/values.yaml", "replicaCount: 3\n");

    push(remote.commit("three replicas"));

    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status, StoredRelease::description)
        .containsExactly(
            tuple(1, ReleaseStatus.FAILED, "Release unlocked from stale 'pending-upgrade' state"),
            tuple(2, ReleaseStatus.DEPLOYED, "Upgrade complete"));
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);

    remote.write("apps/web/values.yaml", "replicaCount: 4\n");
    push(remote.commit("four replicas"));

    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(2, ReleaseStatus.SUPERSEDED), tuple(3, ReleaseStatus.DEPLOYED));
  }

  @Test
  void keepHistoryLeavesTheUninstalledReleaseInHelmsStorage() throws Exception {
    remote.write("apps/web/release.yaml", release("1.0.0", "  uninstall: {keepHistory: true}\n"));
    push(remote.commit("web"));
    remote.delete("apps/web/release.yaml");
    Path k = remote.workTree().resolve("apps/web/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace(", release.yaml]", "]"));

    push(remote.commit("drop the release"));

    assertThat(deployment()).isNull();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.UNINSTALLED));
  }
}
