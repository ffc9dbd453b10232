package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRepository;
import io.driftless.source.Digests;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.TestCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts from a HelmRepository served over HTTP by a real chart repository started here. */
class HelmRepositoryChartsTest {
  private static final String FILE = "infrastructure/sources/podinfo.yaml";

  @TempDir Path work;
  private ChartRepositoryServer server;
  private ChartCache cache;
  private byte[] v650;
  private byte[] v660;

  @BeforeEach
  void serveCharts() throws Exception {
    server = ChartRepositoryServer.start();
    cache = new ChartCache(work.resolve("cache"));
    v650 = TestCharts.packaged(work, "podinfo", "6.5.0");
    v660 = TestCharts.packaged(work, "podinfo", "6.6.0");
    byte[] rc = TestCharts.packaged(work, "podinfo", "7.0.0-rc.1");
    server.put("/charts/podinfo-6.5.0.tgz", v650);
    server.put("/charts/podinfo-6.6.0.tgz", v660);
    server.put("/elsewhere/podinfo-7.0.0-rc.1.tgz", rc);
    server.put("/charts/index.yaml", """
        apiVersion: v1
        entries:
          podinfo:
            - {name: podinfo, version: 7.0.0-rc.1, urls: ["%s"], digest: "%s", created: "2024-03-01T00:00:00Z"}
            - {name: podinfo, version: 6.6.0, urls: [podinfo-6.6.0.tgz], digest: "%s", created: "2024-02-01T00:00:00Z"}
            - {name: podinfo, version: 6.5.0, urls: [podinfo-6.5.0.tgz], digest: "%s", created: "2024-01-01T00:00:00Z"}
            - {name: podinfo, version: not-semver, urls: [podinfo-x.tgz]}
          broken:
            - {name: broken, version: 1.0.0, urls: [podinfo-6.5.0.tgz], digest: "%s"}
        generated: "2024-03-01T00:00:00Z"
        """.formatted(server.url("/elsewhere/podinfo-7.0.0-rc.1.tgz"), hex(rc), hex(v660), hex(v650),
            hex("other".getBytes())));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HelmRepository repository(String url, String extra) {
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec:
          url: %s
          interval: 1h
        """.formatted(url) + extra;
    return HelmObjects.helmRepository(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));
  }

  private static String hex(byte[] bytes) {
    return Digests.sha256(bytes).substring("sha256:".length());
  }

  @Test
  void theNewestMatchingChartIsDownloadedCheckedAndCached() throws Exception {
    ChartSources run = new ChartSources(cache);
    HelmRepository repo = repository(server.url("/charts"), "");

    ChartArtifact chart = run.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", ">=6.0.0 <7.0.0");

    assertThat(chart.chartName()).isEqualTo("podinfo");
    assertThat(chart.chartVersion()).isEqualTo("6.6.0");
    assertThat(chart.revision()).isEqualTo("6.6.0");
    assertThat(chart.releaseChartVersion()).isEqualTo("6.6.0");
    assertThat(chart.digest()).isEqualTo(Digests.sha256(v660));
    assertThat(Files.readAllBytes(chart.path())).isEqualTo(v660);
    assertThat(run.indexRevision(repo, RepositoryAuth.NONE)).startsWith("sha256:");
  }

  @Test
  void anIndexIsFetchedOncePerRunAndAChartOnceAcrossRuns() {
    HelmRepository repo = repository(server.url("/charts/"), "");
    ChartSources first = new ChartSources(cache);
    first.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", "6.5.0");
    first.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", "~6.6");
    first.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", "*");
    assertThat(server.hits("/charts/index.yaml")).isEqualTo(1);
    assertThat(server.hits("/charts/podinfo-6.6.0.tgz")).isEqualTo(1);

    ChartSources warmRun = new ChartSources(cache);
    ChartArtifact again = warmRun.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", "6.6.0");
    assertThat(again.chartVersion()).isEqualTo("6.6.0");
    assertThat(server.hits("/charts/index.yaml")).isEqualTo(2);
    assertThat(server.hits("/charts/podinfo-6.6.0.tgz")).isEqualTo(1);
  }

  @Test
  void prereleasesComeOnlyWhenAskedFromAbsoluteUrls() {
    ChartArtifact rc = new ChartSources(cache).fromHelmRepository(
        repository(server.url("/charts"), ""), RepositoryAuth.NONE, "podinfo", ">=7.0.0-0");
    assertThat(rc.chartVersion()).isEqualTo("7.0.0-rc.1");
    assertThat(server.hits("/elsewhere/podinfo-7.0.0-rc.1.tgz")).isEqualTo(1);
  }

  @Test
  void basicAuthIsSentAndAFailureNamesTheObjectButNotTheSecret() {
    server.requireBasicAuth("reader", "s3cret-pass");
    HelmRepository repo = repository(server.url("/charts"), "  secretRef: {name: podinfo-auth}\n");

    assertThatThrownBy(() -> new ChartSources(cache).fromHelmRepository(
        repo, new RepositoryAuth("reader", "wrong-pass", null, null, null), "podinfo", "*"))
        .isInstanceOf(ChartSourceException.class)
        .hasMessage(FILE + ": HelmRepository/flux-system/podinfo: GET " + server.url("/charts/index.yaml")
            + ": HTTP 401 (authentication failed)")
        .hasMessageNotContaining("wrong-pass");

    ChartArtifact ok = new ChartSources(cache).fromHelmRepository(
        repo, new RepositoryAuth("reader", "s3cret-pass", null, null, null), "podinfo", "6.5.0");
    assertThat(ok.chartVersion()).isEqualTo("6.5.0");
  }

  @Test
  void badInputIsOneLineNamingTheCause() {
    HelmRepository repo = repository(server.url("/charts"), "");
    ChartSources run = new ChartSources(cache);
    String prefix = FILE + ": HelmRepository/flux-system/podinfo: ";

    assertThatThrownBy(() -> run.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", "9.9.9"))
        .hasMessage(prefix + "no 'podinfo' chart with version matching '9.9.9' found");
    assertThatThrownBy(() -> run.fromHelmRepository(repo, RepositoryAuth.NONE, "nginx", "*"))
        .hasMessage(prefix + "no chart 'nginx' in " + server.url("/charts/index.yaml"));
    assertThatThrownBy(() -> run.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", ">=one"))
        .hasMessage(prefix + "invalid version constraint '>=one'");
    assertThatThrownBy(() -> run.fromHelmRepository(repo, RepositoryAuth.NONE, "broken", "*"))
        .hasMessageStartingWith(prefix + "chart " + server.url("/charts/podinfo-6.5.0.tgz") + " has digest sha256:");
    assertThatThrownBy(() -> new ChartSources(cache).fromHelmRepository(
        repository(server.url("/missing"), ""), RepositoryAuth.NONE, "podinfo", "*"))
        .hasMessage(prefix + "GET " + server.url("/missing/index.yaml") + ": HTTP 404");
    server.put("/bad/index.yaml", "entries: {}\n");
    assertThatThrownBy(() -> new ChartSources(cache).fromHelmRepository(
        repository(server.url("/bad"), ""), RepositoryAuth.NONE, "podinfo", "*"))
        .hasMessage(prefix + server.url("/bad/index.yaml") + ": the index has no apiVersion");
  }

  @Test
  void anUnreachableRepositoryNamesTheUrl() throws Exception {
    String url = server.url("/charts");
    server.close();
    assertThatThrownBy(() -> new ChartSources(cache).fromHelmRepository(
        repository(url, "  timeout: 5s\n"), RepositoryAuth.NONE, "podinfo", "*"))
        .isInstanceOf(ChartSourceException.class)
        .hasMessageStartingWith(FILE + ": HelmRepository/flux-system/podinfo: GET " + url + "/index.yaml: ");
  }
}
