package io.driftless.pipeline;

import io.driftless.helm.release.ReleaseStorage;
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
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

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

  HelmReleaseFixture(Path tmp, TestCluster cluster) throws Exception {
    charts = ChartRepositoryServer.start();
    byte[] chart = TestCharts.packaged(tmp.resolve("charts"), "web", "1.0.0");
    charts.put("/web-1.0.0.tgz", chart);
    charts.put("/index.yaml", "apiVersion: v1\nentries:\n  web:\n    - {name: web, version: 1.0.0, urls: [web-1.0.0.tgz],"
        + " digest: \"" + Digests.sha256(chart).substring("sha256:".length()) + "\"}\n");
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

  KubernetesClient kube() {
    return fleet.kube();
  }

  GitRemote remote() {
    return remote;
  }

  /**
   * Commits HelmRelease web/web (chart web 1.0.0, hooks and CRDs off) with {@code extraSpec} (lines
   * indented by two spaces) and reconciles everything.
   */
  HelmReleaseStatus reconcile(String extraSpec) {
    remote.write("web/release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: web}
        spec:
          interval: 10m
          chart: {spec: {chart: web, version: 1.0.0, sourceRef: {kind: HelmRepository, name: charts}}}
          install: {disableHooks: true, crds: Skip}
          upgrade: {disableHooks: true}
        """ + extraSpec).commit("web with " + extraSpec.strip());
    return reconcileAgain();
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

  /** The revisions of release web in namespace web of {@code client}'s cluster. */
  static List<StoredRelease> history(KubernetesClient client) {
    return new ReleaseStorage(client, "web", Clock.systemUTC()).history("web");
  }

  @Override
  public void close() {
    fleet.close();
    remote.close();
    charts.close();
  }
}
