package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.Reason;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.FluxLayout;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import io.driftless.source.Digests;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code DRIFTLESS_NO_CROSS_NAMESPACE_REFS} as an attacker who owns the namespace team-a and its Git
 * path meets it: their Kustomization reads the platform's repository, their HelmReleases take the
 * platform's private chart repository (and its credentials) or its OCIRepository, their
 * ArtifactGenerator copies the platform's source. With the key on each is AccessDenied in one line
 * naming the object, the field and the reference, applies nothing and fetches nothing; with it off
 * the same Git is served as it always was.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class CrossNamespaceRefsTest {
  private static final String CANARY = "canary-platform-password-4f1c";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private ChartRepositoryServer charts;
  private LocalFleet fleet;

  @BeforeEach
  void layOut() throws Exception {
    charts = ChartRepositoryServer.start();
    byte[] chart = TestCharts.packaged(tmp.resolve("charts"), "web", "1.0.0");
    charts.put("/private/web-1.0.0.tgz", chart);
    charts.put("/private/index.yaml", "apiVersion: v1\nentries:\n  web:\n"
        + "    - {name: web, version: 1.0.0, urls: [web-1.0.0.tgz], digest: \"%s\"}\n"
            .formatted(Digests.sha256(chart).substring("sha256:".length())));
    charts.requireBasicAuth("platform", CANARY);
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        // the platform's: its private chart repository, and the tenant's namespace and path
        .write("clusters/demo/platform.yaml", """
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata: {name: private, namespace: platform}
            spec:
              interval: 10m
              url: %s
              secretRef: {name: private-auth}
            """.formatted(charts.url("/private")))
        .write("clusters/demo/team-a.yaml", FluxLayout.kustomization("team-a", "tenants/team-a", ""))
        .write("tenants/team-a/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n")
        .write("platform/only/config.yaml", FluxLayout.configMap("team-a", "platform-config", "platform only"))
        // the attacker's: everything below tenants/team-a is theirs to write
        .write("tenants/team-a/apps.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: team-a}
            spec:
              interval: 10m
              path: ./platform/only
              prune: true
              sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
            """)
        .write("tenants/team-a/web.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: web, namespace: team-a}
            spec:
              interval: 10m
              chart:
                spec:
                  chart: web
                  version: 1.0.0
                  sourceRef: {kind: HelmRepository, name: private, namespace: platform}
            """);
  }

  /** The engine, with the key {@code DRIFTLESS_NO_CROSS_NAMESPACE_REFS} as given, and the platform's Secret. */
  private void start(boolean noCrossNamespaceRefs) {
    fleet = LocalFleet.start(tmp, cluster, c -> c.withTenancy(c.tenancy().withNoCrossNamespaceRefs(noCrossNamespaceRefs)));
    KubernetesClient kube = fleet.kube();
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("platform").endMetadata().build())
        .create();
    kube.secrets().inNamespace("platform").resource(new SecretBuilder().withNewMetadata().withName("private-auth")
        .endMetadata().addToStringData("username", "platform").addToStringData("password", CANARY).build()).create();
    fleet.bootstrap(remote, tmp.resolve("no-webhook").toString());
  }

  @AfterEach
  void tearDown() {
    if (fleet != null) {
      fleet.close();
    }
    remote.close();
    charts.close();
  }

  @Test
  void aTenantKustomizationCannotReadThePlatformsRepository() {
    start(true);
    remote.commit("team-a reads the platform's repository");

    List<ReconcileOutcome> outcomes = reconcile();

    assertRefused(outcomes, "Kustomization/team-a/apps", kustomizationReady("team-a/apps"),
        "Kustomization/team-a/apps: spec.sourceRef.namespace: can't access 'GitRepository/flux-system/flux-system',"
            + " cross-namespace references have been blocked");
    assertThat(fleet.kube().configMaps().inNamespace("team-a").withName("platform-config").get()).isNull();
  }

  @Test
  void aTenantHelmReleaseCannotUseThePlatformsChartRepositoryOrItsCredentials() {
    start(true);
    remote.commit("team-a installs from the platform's private charts");

    List<ReconcileOutcome> outcomes = reconcile();

    assertRefused(outcomes, "HelmRelease/team-a/web", helmReady("HelmRelease/team-a/web"),
        "HelmRelease/team-a/web: spec.chart.spec.sourceRef.namespace: can't access 'HelmRepository/platform/private',"
            + " cross-namespace references have been blocked");
    assertThat(charts.hits("/private/index.yaml")).as("the private index was never asked for").isZero();
    assertThat(fleet.kube().apps().deployments().inNamespace("team-a").list().getItems()).isEmpty();
  }

  @Test
  void aChartRefAndAnArtifactGeneratorInAnotherNamespaceAreRefusedToo() {
    start(true);
    remote.write("tenants/team-a/oci.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: oci, namespace: team-a}
            spec:
              interval: 10m
              chartRef: {kind: OCIRepository, name: podinfo, namespace: flux-system}
            """)
        .write("tenants/team-a/generator.yaml", """
            apiVersion: source.extensions.fluxcd.io/v1beta1
            kind: ArtifactGenerator
            metadata: {name: copy, namespace: team-a}
            spec:
              sources:
                - {alias: platform, kind: GitRepository, name: flux-system, namespace: flux-system}
              artifacts:
                - name: copied
                  copy:
                    - {from: "@platform/platform/only/**", to: "@artifact/"}
            """)
        .write("tenants/team-a/copied.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: copied, namespace: team-a}
            spec:
              interval: 10m
              path: ./
              prune: true
              sourceRef: {kind: ExternalArtifact, name: copied}
            """)
        .commit("team-a's chartRef and generator reach into flux-system");

    List<ReconcileOutcome> outcomes = reconcile();

    assertRefused(outcomes, "HelmRelease/team-a/oci", helmReady("HelmRelease/team-a/oci"),
        "HelmRelease/team-a/oci: spec.chartRef.namespace: can't access 'OCIRepository/flux-system/podinfo',"
            + " cross-namespace references have been blocked");
    assertRefused(outcomes, "Kustomization/team-a/copied", kustomizationReady("team-a/copied"),
        "Kustomization/team-a/copied: ArtifactGenerator/team-a/copy: spec.sources[0].namespace: can't access 'GitRepository/flux-system/flux-system',"
            + " cross-namespace references have been blocked");
    assertThat(fleet.kube().configMaps().inNamespace("team-a").withName("platform-config").get()).isNull();
  }

  @Test
  void withTheKeyOffTheSameGitIsServedAsBefore() {
    start(false);
    remote.commit("one tenant: cross-namespace references allowed");

    reconcile();

    assertThat(kustomizationReady("team-a/apps").isTrue()).as(kustomizationReady("team-a/apps").message()).isTrue();
    assertThat(fleet.kube().configMaps().inNamespace("team-a").withName("platform-config").get()).isNotNull();
    assertThat(helmReady("HelmRelease/team-a/web").isTrue()).as(helmReady("HelmRelease/team-a/web").message())
        .isTrue();
  }

  private List<ReconcileOutcome> reconcile() {
    List<ReconcileOutcome> outcomes = fleet.engine().reconcile(ManualReconcile.all()).outcomes();
    fleet.engine().drainPending();
    return outcomes;
  }

  private Condition kustomizationReady(String key) {
    return fleet.store().getKustomization("demo", key).map(KustomizationRecord::status)
        .flatMap(s -> s.condition(Condition.READY)).orElseThrow(() -> new AssertionError(key + " has no Ready"));
  }

  private Condition helmReady(String key) {
    return fleet.store().getHelmObject("demo", key).map(HelmRecord::status)
        .flatMap(s -> s.condition(Condition.READY)).orElseThrow(() -> new AssertionError(key + " has no Ready"));
  }

  /** Ready=False, AccessDenied, exactly {@code line}; the canary in no status, event or outcome. */
  private void assertRefused(List<ReconcileOutcome> outcomes, String subject, Condition ready, String line) {
    assertThat(ready.status()).as(ready.message()).isEqualTo(Condition.FALSE);
    assertThat(ready.reason()).isEqualTo(Reason.ACCESS_DENIED.flux());
    assertThat(ready.message()).isEqualTo(line);
    assertThat(outcomes).filteredOn(o -> o.kustomization().endsWith(subject.substring(subject.indexOf('/') + 1)))
        .allSatisfy(o -> assertThat(o.changes().entries()).isEmpty());
    String everything = Stream.of(
            fleet.store().listKustomizations().stream().map(k -> String.valueOf(k.status())),
            fleet.store().listHelmObjects().stream().map(h -> String.valueOf(h.status())),
            TestStores.allEvents(fleet.store()).stream().map(String::valueOf),
            outcomes.stream().map(String::valueOf))
        .flatMap(s -> s).reduce("", String::concat);
    assertThat(everything).contains(subject).doesNotContain(CANARY);
  }
}
