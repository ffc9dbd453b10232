package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.source.Digests;
import io.driftless.testing.OciPush;
import io.driftless.testing.RealRegistry;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TokenGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts from a real OCI registry (Debian's docker-registry) started by the test: OCIRepository by
 * tag, semver and digest, HelmRepository of type oci, anonymous, basic and Bearer-token auth.
 */
class OciChartsTest {
  private static final String FILE = "infrastructure/sources/oci.yaml";
  @TempDir static Path work;
  private static RealRegistry open;
  private static RealRegistry locked;
  private static String digest660;
  private static byte[] chart660;

  @BeforeAll
  static void startRegistries() throws Exception {
    Optional<RealRegistry> anonymous = RealRegistry.start(work.resolve("open"), null, null);
    if (anonymous.isEmpty()) {
      return;
    }
    open = anonymous.get();
    locked = RealRegistry.start(work.resolve("locked"), "puller", "pull-s3cret").orElseThrow();
    chart660 = TestCharts.packaged(work, "podinfo", "6.6.0");
    for (String v : new String[] {"6.5.0", "7.0.0-rc.1"}) {
      OciPush.chart(open.host(), "charts/podinfo", v, "podinfo", v, TestCharts.packaged(work, "podinfo", v), null, null);
    }
    digest660 = OciPush.chart(open.host(), "charts/podinfo", "6.6.0", "podinfo", "6.6.0", chart660, null, null);
    OciPush.chart(open.host(), "charts/podinfo", "latest", "podinfo", "6.6.0", chart660, null, null);
    OciPush.chart(open.host(), "charts/podinfo", "6.6.1_build.2", "podinfo", "6.6.1+build.2",
        TestCharts.packaged(work, "podinfo", "6.6.1+build.2"), null, null);
    OciPush.chart(locked.host(), "charts/podinfo", "6.5.0", "podinfo", "6.5.0",
        TestCharts.packaged(work, "podinfo", "6.5.0"), "puller", "pull-s3cret");
  }

  @AfterAll
  static void stopRegistries() {
    if (open != null) {
      open.close();
      locked.close();
    }
  }

  private static OCIRepository ociRepository(String url, String ref) {
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec:
          url: %s
          interval: 10m
          insecure: true
          layerSelector: {mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", operation: copy}
        """.formatted(url) + (ref.isEmpty() ? "" : "  ref: " + ref + "\n");
    return HelmObjects.ociRepository(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));
  }

  private static HelmRepository ociHelmRepository(String url) {
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: charts, namespace: flux-system}
        spec: {type: oci, url: "%s", insecure: true}
        """.formatted(url);
    return HelmObjects.helmRepository(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));
  }

  private ChartSources run() {
    return new ChartSources(new ChartCache(work.resolve("cache")));
  }

  @Test
  void anOciRepositoryPicksByTagSemverOrDigestAndWritesFluxRevisions() {
    assumeTrue(open != null, "docker-registry is not installed");
    String url = "oci://" + open.host() + "/charts/podinfo";

    ChartArtifact latest = run().fromOciRepository(ociRepository(url, ""), RepositoryAuth.NONE, ChartSources.Verifier.NONE);
    assertThat(latest.revision()).isEqualTo("latest@" + digest660);
    assertThat(latest.chartVersion()).isEqualTo("6.6.0");
    assertThat(latest.digest()).isEqualTo(Digests.sha256(chart660));
    assertThatThrownBy(latest::releaseChartVersion)
        .hasMessage("artifact revision tag 'latest' does not match chart version '6.6.0' of chart 'podinfo'");

    ChartArtifact tagged = run().fromOciRepository(ociRepository(url, "{tag: 6.6.0}"), RepositoryAuth.NONE, ChartSources.Verifier.NONE);
    assertThat(tagged.revision()).isEqualTo("6.6.0@" + digest660);
    assertThat(tagged.releaseChartVersion()).isEqualTo("6.6.0+" + digest660.substring(7, 19));

    ChartArtifact semver = run().fromOciRepository(ociRepository(url, "{semver: \"~6.5\"}"), RepositoryAuth.NONE, ChartSources.Verifier.NONE);
    assertThat(semver.revision()).startsWith("6.5.0@sha256:");
    ChartArtifact newest = run().fromOciRepository(ociRepository(url, "{semver: \">=6.0.0\"}"), RepositoryAuth.NONE, ChartSources.Verifier.NONE);
    assertThat(newest.revision()).startsWith("6.6.1_build.2@sha256:");
    assertThat(newest.chartVersion()).isEqualTo("6.6.1+build.2");
    ChartArtifact rc = run().fromOciRepository(
        ociRepository(url, "{semver: \">=6.0.0-0\", semverFilter: \"-rc\"}"), RepositoryAuth.NONE, ChartSources.Verifier.NONE);
    assertThat(rc.chartVersion()).isEqualTo("7.0.0-rc.1");

    ChartArtifact pinned = run().fromOciRepository(
        ociRepository(url, "{tag: 6.5.0, digest: \"" + digest660 + "\"}"), RepositoryAuth.NONE, ChartSources.Verifier.NONE);
    assertThat(pinned.revision()).isEqualTo(digest660);
    assertThat(pinned.chartVersion()).isEqualTo("6.6.0");
    assertThat(pinned.releaseChartVersion()).isEqualTo("6.6.0+" + digest660.substring(7, 19));
    assertThat(newest.releaseChartVersion()).isEqualTo("6.6.1+" + newest.revision().split("@sha256:")[1].substring(0, 12));
  }

  @Test
  void aHelmRepositoryOfTypeOciResolvesVersionsFromTags() throws Exception {
    assumeTrue(open != null, "docker-registry is not installed");
    HelmRepository repo = ociHelmRepository("oci://" + open.host() + "/charts");
    ChartSources run = run();

    ChartArtifact exact = run.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", "6.5.0");
    assertThat(exact.revision()).isEqualTo("6.5.0");
    assertThat(exact.releaseChartVersion()).isEqualTo("6.5.0");
    ChartArtifact ranged = run.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", ">=6.0.0 <6.6.1");
    assertThat(ranged.chartVersion()).isEqualTo("6.6.0");
    assertThat(Files.readAllBytes(ranged.path())).isEqualTo(chart660);
    assertThat(run.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", "6.6.1+build.2").chartVersion())
        .isEqualTo("6.6.1+build.2");
    assertThatThrownBy(() -> run.fromHelmRepository(repo, RepositoryAuth.NONE, "podinfo", "^9"))
        .hasMessage(FILE + ": HelmRepository/flux-system/charts: no 'podinfo' chart with version matching '^9' found");
  }

  @Test
  void basicAuthFromHtpasswdIsAnsweredAndAFailureHidesTheSecret() {
    assumeTrue(open != null, "docker-registry is not installed");
    OCIRepository repo = ociRepository("oci://" + locked.host() + "/charts/podinfo", "{tag: 6.5.0}");

    assertThatThrownBy(() -> run().fromOciRepository(repo, RepositoryAuth.NONE, ChartSources.Verifier.NONE))
        .isInstanceOf(ChartSourceException.class)
        .hasMessage(FILE + ": OCIRepository/flux-system/podinfo: GET http://" + locked.host()
            + "/v2/charts/podinfo/manifests/6.5.0: HTTP 401, the registry wants credentials and none are set");
    assertThatThrownBy(() -> run().fromOciRepository(repo, new RepositoryAuth("puller", "nope", null, null, null), ChartSources.Verifier.NONE))
        .hasMessageEndingWith("HTTP 401 (authentication failed)")
        .hasMessageNotContaining("nope");

    ChartArtifact chart = run().fromOciRepository(repo, new RepositoryAuth("puller", "pull-s3cret", null, null, null), ChartSources.Verifier.NONE);
    assertThat(chart.chartVersion()).isEqualTo("6.5.0");
  }

  @Test
  void aBearerChallengeIsAnsweredWithOneTokenPerSourcePerRun() throws Exception {
    assumeTrue(open != null, "docker-registry is not installed");
    try (TokenGateway gateway = new TokenGateway(open.host(), "ci", "token-s3cret")) {
      OCIRepository repo = ociRepository("oci://" + gateway.host() + "/charts/podinfo", "{semver: \"6.x\"}");
      RepositoryAuth auth = new RepositoryAuth("ci", "token-s3cret", null, null, null);
      ChartSources run = new ChartSources(new ChartCache(work.resolve("bearer-cache")));

      assertThat(run.fromOciRepository(repo, auth, ChartSources.Verifier.NONE).chartVersion()).isEqualTo("6.6.1+build.2");
      assertThat(run.fromOciRepository(repo, auth, ChartSources.Verifier.NONE).chartVersion()).isEqualTo("6.6.1+build.2");
      assertThat(gateway.forwarded("/tags/list")).isEqualTo(1);
      assertThat(gateway.forwarded("/manifests/")).isEqualTo(1);
      assertThat(gateway.forwarded("/blobs/")).isEqualTo(1);
      assertThat(run.fromHelmRepository(ociHelmRepository("oci://" + gateway.host() + "/charts"), auth,
          "podinfo", "6.5.0").chartVersion()).isEqualTo("6.5.0");
      assertThat(gateway.tokenRequests()).as("one token for the OCIRepository, one for the HelmRepository").isEqualTo(2);

      ChartSources warmRun = new ChartSources(new ChartCache(work.resolve("bearer-cache")));
      warmRun.fromOciRepository(repo, auth, ChartSources.Verifier.NONE);
      assertThat(gateway.forwarded("/manifests/")).isEqualTo(3);
      assertThat(gateway.forwarded("/blobs/")).isEqualTo(2);

      assertThatThrownBy(() -> run().fromOciRepository(repo, new RepositoryAuth("ci", "wrong", null, null, null), ChartSources.Verifier.NONE))
          .hasMessage(FILE + ": OCIRepository/flux-system/podinfo: token request to http://" + gateway.host()
              + "/token: HTTP 401 (authentication failed)");
    }
  }

  @Test
  void unsupportedFieldsAreRefusedByName() {
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1beta2
        kind: OCIRepository
        metadata: {name: podinfo, namespace: flux-system}
        spec:
          url: oci://ghcr.io/stefanprodan/charts/podinfo
          interval: 10m
          verify: {provider: cosign}
        """;
    OCIRepository repo = HelmObjects.ociRepository(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));
    assertThatThrownBy(() -> run().fromOciRepository(repo, RepositoryAuth.NONE, ChartSources.Verifier.NONE))
        .hasMessage(FILE + ": OCIRepository/flux-system/podinfo: spec.verify without secretRef (keyless cosign"
            + " verification) is not supported by Driftless: it needs Sigstore's Fulcio certificate chain and Rekor"
            + " transparency log, which it does not check offline; set spec.verify.secretRef to cosign public keys");
  }
}
