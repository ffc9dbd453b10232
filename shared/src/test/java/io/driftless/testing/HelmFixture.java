package io.driftless.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.record.StateStore;
import io.driftless.source.Digests;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The parts of a Helm end-to-end test, all real: a chart repository serving the test chart {@code web}
 * (at the versions {@link #serve} publishes), a Git repository whose {@code clusters/demo} is the
 * root, and, once {@link #bootstrap}ped, a fleet on the given server that pushes reach through the
 * signed webhook.
 */
public final class HelmFixture implements AutoCloseable {
  private static final String SECRET = "test-webhook-secret";
  private final Path tmp;
  private final TestCluster cluster;
  private final ChartRepositoryServer charts;
  private final GitRemote remote;
  private final StringBuilder index = new StringBuilder();
  private LocalFleet fleet;

  private HelmFixture(Path tmp, TestCluster cluster, ChartRepositoryServer charts, GitRemote remote) {
    this.tmp = tmp;
    this.cluster = cluster;
    this.charts = charts;
    this.remote = remote;
  }

  /** A chart repository serving web 1.0.0 and an empty Git repository on branch main. */
  public static HelmFixture start(Path tmp, TestCluster cluster) {
    try {
      HelmFixture f = new HelmFixture(tmp, cluster, ChartRepositoryServer.start(),
          GitRemote.create(tmp.resolve("repo"), "main"));
      f.serve("1.0.0");
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Publishes the test chart web at {@code version} and lists it in the repository's index. */
  public void serve(String version) {
    byte[] chart = TestCharts.packaged(tmp.resolve("charts-" + version), "web", version);
    charts.put("/charts/web-" + version + ".tgz", chart);
    index.append("      - {name: web, version: %s, urls: [web-%s.tgz], digest: \"%s\"}\n"
        .formatted(version, version, Digests.sha256(chart).substring("sha256:".length())));
    charts.put("/charts/index.yaml", "apiVersion: v1\nentries:\n  web:\n" + index);
  }

  /** A HelmRepository {@code charts} in {@code namespace} over the chart repository. */
  public String repository(String namespace) {
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: charts, namespace: %s}
        spec: {interval: 10m, url: "%s"}
        """.formatted(namespace, charts.url("/charts"));
  }

  /** A HelmRepository {@code namespace/name} at a loopback port nothing listens on: every fetch is refused. */
  public static String unreachableRepository(String namespace, String name, String interval) {
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: %s, namespace: %s}
        spec: {interval: %s, timeout: 5s, url: "http://127.0.0.1:1/charts"}
        """.formatted(name, namespace, interval);
  }

  /**
   * A HelmRelease {@code namespace/name} of the chart web at {@code version} (a constraint) from the
   * HelmRepository charts, hooks off; {@code chartSpec} holds more lines of {@code chart.spec} (indented
   * by six spaces), {@code extraSpec} more spec lines (by two).
   */
  public static String release(String namespace, String name, String interval, String version, String chartSpec,
      String extraSpec) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: %s, namespace: %s}
        spec:
          interval: %s
          chart:
            spec:
              chart: web
              version: "%s"
              sourceRef: {kind: HelmRepository, name: charts}
        %s  install: {disableHooks: true}
          upgrade: {disableHooks: true}
        """.formatted(name, namespace, interval, version, chartSpec) + extraSpec;
  }

  /** Writes {@code clusters/demo/kustomization.yaml} listing {@code resources}. */
  public void rootResources(String resources) {
    remote.write("clusters/demo/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [" + resources + "]\n");
  }

  /** Starts the fleet on the server and registers root demo from {@code clusters/demo}. */
  public HelmFixture bootstrap() {
    try {
      Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
      fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, secret.toString());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits the work tree and delivers the push through the webhook; the run's outcomes. */
  public List<ReconcileOutcome> push(String message) {
    var response = fleet.engine().webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main",
        remote.commit(message))));
    assertThat(response.status()).isEqualTo(202);
    return fleet.engine().drainPending().outcomes();
  }

  public GitRemote remote() {
    return remote;
  }

  public Engine engine() {
    return fleet.engine();
  }

  public StateStore store() {
    return fleet.store();
  }

  public KubernetesClient kube() {
    return fleet.kube();
  }

  @Override
  public void close() {
    if (fleet != null) {
      fleet.close();
    }
    remote.close();
    charts.close();
  }
}
