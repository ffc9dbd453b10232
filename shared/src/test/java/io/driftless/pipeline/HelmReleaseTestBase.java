package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
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
import io.driftless.local.LocalChartRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The Flux repository the HelmRelease tests push through the webhook: Flux's example layout plus a
 * Kustomization {@code apps/web} holding the namespace web, a HelmRepository "charts" served by an HTTP
 * chart repository started here (chart web 1.0.0), the HelmRelease web/web and its values from a
 * configMapGenerator ConfigMap; on the cluster the subclass is parameterised over
 * ({@code @ParameterizedClass @EnumSource(TestCluster.class)}).
 */
abstract class HelmReleaseTestBase {
  @Parameter TestCluster cluster;
  static final String SECRET = "test-webhook-secret";
  static final String HR = "HelmRelease/web/web";
  @TempDir Path tmp;
  ChartRepositoryServer charts;
  LocalChartRepository exampleCharts;
  final StringBuilder index = new StringBuilder();
  GitRemote remote;
  LocalFleet fleet;
  StateStore store;
  Engine engine;
  KubernetesClient kube;

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
  void serve(String version, byte[] chart) {
    charts.put("/charts/web-" + version + ".tgz", chart);
    index.append("      - {name: web, version: %s, urls: [web-%s.tgz], digest: \"%s\"}\n"
        .formatted(version, version, Digests.sha256(chart).substring("sha256:".length())));
    charts.put("/charts/index.yaml", "apiVersion: v1\nentries:\n  web:\n" + index);
  }

  static String release(String version) {
    return release(version, "");
  }

  /** The HelmRelease web/web; {@code extraSpec} holds more spec lines, each indented by two spaces. */
  static String release(String version, String extraSpec) {
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

  void push(String commit) {
    var response = engine.webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main", commit)));
    assertThat(response.status()).isEqualTo(202);
    engine.drainPending();
  }

  HelmReleaseStatus status() {
    return store.getHelmObject("demo", HR).map(HelmRecord::status).orElseThrow();
  }

  List<StoredRelease> history() {
    return new SecretReleaseStorage(kube, "web", Clock.systemUTC()).history("web");
  }

  Deployment deployment() {
    return kube.apps().deployments().inNamespace("web").withName("web-web").get();
  }

}
