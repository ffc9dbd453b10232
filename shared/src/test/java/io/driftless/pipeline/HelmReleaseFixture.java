package io.driftless.pipeline;

import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.source.Digests;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.FluxLayout;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A Flux repository whose Kustomization {@code flux-system/web} applies Namespace {@code web}, the
 * HelmRepository {@code web/charts} (the test chart web 1.0.0 from a chart repository started here) and
 * the HelmRelease {@code web/web} a test commits, on cluster "demo" (the sandbox or a real API server).
 */
final class HelmReleaseFixture implements AutoCloseable {
  static final String HR = "HelmRelease/web/web";
  private final ChartRepositoryServer charts;
  private final GitRemote remote;
  private final LocalFleet fleet;
  private final StringBuilder index = new StringBuilder();

  HelmReleaseFixture(Path tmp, TestCluster cluster) throws Exception {
    charts = ChartRepositoryServer.start();
    serve("1.0.0", TestCharts.packaged(tmp.resolve("charts"), "web", "1.0.0"));
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    remote.write("clusters/demo/web.yaml", FluxLayout.kustomization("web", "web", ""))
        .write("web/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n")
        .write("web/repository.yaml", """
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata: {name: charts, namespace: web}
            spec: {interval: 10m, url: %s}
            """.formatted(charts.url("/")));
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);
  }

  /** Serves {@code chart} as web {@code version} and lists it in the repository's index. */
  void serve(String version, byte[] chart) {
    charts.put("/web-" + version + ".tgz", chart);
    index.append("    - {name: web, version: %s, urls: [web-%s.tgz], digest: \"%s\"}\n"
        .formatted(version, version, Digests.sha256(chart).substring("sha256:".length())));
    charts.put("/index.yaml", "apiVersion: v1\nentries:\n  web:\n" + index);
  }

  /**
   * Writes the chart web {@code version} under {@code work} from {@code templates} (file name under
   * {@code templates/} to its text), and serves it.
   */
  void serveChart(Path work, String version, Map<String, String> templates) throws IOException {
    Path chart = work.resolve("web");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: " + version + "\n");
    for (Map.Entry<String, String> t : templates.entrySet()) {
      Files.writeString(chart.resolve("templates").resolve(t.getKey()), t.getValue());
    }
    serve(version, TestCharts.packageChart(chart));
  }

  /** HelmRelease web/{@code name} of chart web {@code version}; {@code spec} holds more lines indented by two spaces. */
  static String release(String name, String version, String spec) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: %s, namespace: web}
        spec:
          interval: 10m
          chart: {spec: {chart: web, version: "%s", sourceRef: {kind: HelmRepository, name: charts}}}
        """.formatted(name, version) + spec;
  }

  /** Commits {@code release} as HelmRelease web/web and reconciles everything; its status after it. */
  HelmReleaseStatus commit(String release, String message) {
    remote.write("web/release.yaml", release).commit(message);
    return reconcileAgain();
  }

  KubernetesClient kube() {
    return fleet.kube();
  }

  LocalFleet fleet() {
    return fleet;
  }

  GitRemote remote() {
    return remote;
  }

  /**
   * Commits HelmRelease web/web (chart web 1.0.0, hooks and CRDs off) with {@code extraSpec} (lines
   * indented by two spaces) and reconciles everything.
   */
  HelmReleaseStatus reconcile(String extraSpec) {
    return reconcile("1.0.0", "", extraSpec);
  }

  /** The same with chart {@code version}, and {@code upgradeFields} added to {@code spec.upgrade}. */
  HelmReleaseStatus reconcile(String version, String upgradeFields, String extraSpec) {
    return reconcile(version, "", upgradeFields, extraSpec);
  }

  /** The same with {@code installFields} added to {@code spec.install}. */
  HelmReleaseStatus reconcile(String version, String installFields, String upgradeFields, String extraSpec) {
    remote.write("web/release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: web}
        spec:
          interval: 10m
          chart: {spec: {chart: web, version: "%s", sourceRef: {kind: HelmRepository, name: charts}}}
          install: {disableHooks: true, crds: Skip%s}
          upgrade: {disableHooks: true%s}
        """.formatted(version, installFields, upgradeFields) + extraSpec)
        .commit("web " + version + " with " + (installFields + upgradeFields + extraSpec).strip());
    return reconcileAgain();
  }

  /**
   * Serves web 1.1.0 (written under {@code dir}): a new ConfigMap web-extra, and the Deployment's
   * selector changed, which the API server refuses as immutable, so an upgrade to it fails after
   * creating web-extra.
   */
  void serveFailingUpgrade(Path dir) throws IOException {
    Path v11 = TestCharts.writeChart(dir, "web", "1.1.0");
    Files.writeString(v11.resolve("templates/extra.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}-extra}\ndata: {new: \"yes\"}\n");
    Path deployment = v11.resolve("templates/deployment.yaml");
    Files.writeString(deployment, Files.readString(deployment).replace("{app: {{ .Chart.Name | quote }}}",
        "{app: {{ .Chart.Name | quote }}, track: stable}"));
    serve("1.1.0", TestCharts.packageChart(v11));
  }

  /** Reconciles everything again, nothing committed; the HelmRelease's status after it. */
  HelmReleaseStatus reconcileAgain() {
    reconcileAll();
    return fleet.store().getHelmObject("demo", HR).map(HelmRecord::status).orElseThrow();
  }

  /** Reconciles everything again, e.g. after the HelmRelease left Git. */
  void reconcileAll() {
    fleet.engine().reconcile(ManualReconcile.all());
  }

  /** Lets service account web/{@code account} do anything in namespace web (which must exist). */
  void grantEverythingInWeb(String account) {
    KubernetesClient kube = kube();
    kube.rbac().roles().inNamespace("web").resource(new RoleBuilder().withNewMetadata().withName(account).endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build()).build())
        .create();
    kube.rbac().roleBindings().inNamespace("web").resource(new RoleBindingBuilder()
        .withNewMetadata().withName(account).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(account).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(account).withNamespace("web").endSubject()
        .build()).create();
  }

  /** The revisions of release web in namespace web of {@code client}'s cluster. */
  static List<StoredRelease> history(KubernetesClient client) {
    return new SecretReleaseStorage(client, "web", Clock.systemUTC()).history("web");
  }

  @Override
  public void close() {
    fleet.close();
    remote.close();
    charts.close();
  }
}
