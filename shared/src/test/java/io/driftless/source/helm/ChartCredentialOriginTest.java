package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.source.Digests;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.TestCharts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry or chart repository that points elsewhere (a tag-list {@code Link}, a redirect) gets
 * its own credentials and nobody else's: a next page on another origin is refused before it is
 * fetched, tag listings are bounded, and a redirect to a CDN is followed without {@code Authorization}.
 */
class ChartCredentialOriginTest {
  private static final String FILE = "infrastructure/sources/charts.yaml";
  private static final String USER = "puller";
  private static final String PASSWORD = "canary-s3cret-7f3a";
  private static final RepositoryAuth AUTH = new RepositoryAuth(USER, PASSWORD, null, null, null);
  private static final String TAGS = "/v2/charts/podinfo/tags/list";

  @TempDir Path work;
  private ChartRepositoryServer registry;
  private ChartRepositoryServer other;

  @BeforeEach
  void start() throws Exception {
    registry = ChartRepositoryServer.start();
    registry.requireBasicAuth(USER, PASSWORD);
    other = ChartRepositoryServer.start();
  }

  @AfterEach
  void stop() {
    registry.close();
    other.close();
  }

  private String host() {
    return registry.url("").substring("http://".length());
  }

  private static OCIRepository ociRepository(String url, String ref) {
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec: {url: "%s", interval: 10m, insecure: true, ref: %s}
        """.formatted(url, ref);
    return HelmObjects.ociRepository(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));
  }

  private ChartSources run() {
    return new ChartSources(new ChartCache(work.resolve("cache")));
  }

  @Test
  void aNextPageLinkToAnotherHostIsRefusedAndThatHostGetsNothing() {
    registry.put(TAGS, "{\"tags\": [\"6.5.0\"]}".getBytes(StandardCharsets.UTF_8),
        Map.of("Link", "<" + other.url(TAGS) + "?last=6.5.0>; rel=\"next\""));
    other.put(TAGS, "{\"tags\": [\"9.9.9\"]}");
    OCIRepository repo = ociRepository("oci://" + host() + "/charts/podinfo", "{semver: \">=1.0.0\"}");

    assertThatThrownBy(() -> run().fromOciRepository(repo, AUTH, ChartSources.Verifier.NONE))
        .isInstanceOf(ChartSourceException.class)
        .hasMessage(FILE + ": OCIRepository/flux-system/podinfo: GET " + registry.url(TAGS) + "?n=1000: the next-page"
            + " Link points to another origin (" + other.url("") + "); only the registry's own is followed")
        .hasMessageNotContaining(PASSWORD);
    assertThat(other.hits(TAGS)).isZero();
    assertThat(other.authorizations()).isEmpty();
    assertThat(registry.authorizations()).isNotEmpty();
  }

  @Test
  void aTagListThatNeverEndsStopsAtThePageCap() {
    registry.put(TAGS, "{\"tags\": [\"6.5.0\"]}".getBytes(StandardCharsets.UTF_8),
        Map.of("Link", "<" + TAGS + "?last=6.5.0>; rel=next"));
    OCIRepository repo = ociRepository("oci://" + host() + "/charts/podinfo", "{semver: \">=1.0.0\"}");

    assertThatThrownBy(() -> run().fromOciRepository(repo, AUTH, ChartSources.Verifier.NONE))
        .hasMessage(FILE + ": OCIRepository/flux-system/podinfo: GET " + registry.url(TAGS) + "?n=1000: more than "
            + "100 pages or 100000 tags");
  }

  @Test
  void aBlobRedirectedToACdnIsFetchedWithoutTheRegistryCredentials() throws Exception {
    byte[] chart = TestCharts.packaged(work, "podinfo", "6.5.0");
    String digest = Digests.sha256(chart);
    String manifest = """
        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
         "config": {"mediaType": "application/vnd.cncf.helm.config.v1+json", "digest": "%s", "size": 2},
         "layers": [{"mediaType": "%s", "digest": "%s", "size": %d}]}
        """.formatted(Digests.sha256("{}".getBytes(StandardCharsets.UTF_8)), OCIRepository.HELM_CHART_LAYER,
            digest, chart.length);
    registry.put("/v2/charts/podinfo/manifests/6.5.0", manifest);
    registry.put("/v2/charts/podinfo/blobs/" + digest, new byte[0], Map.of("Location", other.url("/cdn/chart")));
    other.put("/cdn/chart", chart);

    ChartArtifact artifact = run().fromOciRepository(ociRepository("oci://" + host() + "/charts/podinfo",
        "{tag: 6.5.0}"), AUTH, ChartSources.Verifier.NONE);

    assertThat(artifact.chartVersion()).isEqualTo("6.5.0");
    assertThat(other.hits("/cdn/chart")).isEqualTo(1);
    assertThat(other.authorizations()).isEmpty();
    assertThat(registry.authorizations()).isNotEmpty();
  }

  @Test
  void aChartRepositoryRedirectToAnotherHostIsFollowedWithoutCredentials() throws Exception {
    byte[] chart = TestCharts.packaged(work, "podinfo", "6.5.0");
    registry.put("/charts/index.yaml", """
        apiVersion: v1
        entries:
          podinfo:
            - {name: podinfo, version: 6.5.0, urls: [podinfo-6.5.0.tgz], digest: "%s"}
        """.formatted(Digests.sha256(chart).substring("sha256:".length())));
    registry.put("/charts/podinfo-6.5.0.tgz", new byte[0], Map.of("Location", other.url("/cdn/podinfo-6.5.0.tgz")));
    other.put("/cdn/podinfo-6.5.0.tgz", chart);
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: charts, namespace: flux-system}
        spec: {url: "%s", interval: 1h}
        """.formatted(registry.url("/charts"));
    HelmRepository repo = HelmObjects.helmRepository(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));

    assertThat(run().fromHelmRepository(repo, AUTH, "podinfo", "6.5.0").chartVersion()).isEqualTo("6.5.0");
    assertThat(other.hits("/cdn/podinfo-6.5.0.tgz")).isEqualTo(1);
    assertThat(other.authorizations()).isEmpty();
  }
}
