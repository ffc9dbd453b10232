package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.OCIRepository;
import io.driftless.source.HttpFetch;
import io.driftless.source.oci.ArtifactPush;
import io.driftless.source.oci.OciArtifact;
import io.driftless.source.oci.RegistryClient;
import io.driftless.testing.RealRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flux artifacts ({@code flux push artifact}'s format, pushed by {@link ArtifactPush}) read from a real
 * registry as an OCIRepository selects them: by tag, semver with semverFilter and digest; the
 * revision {@code <tag>@sha256:<digest>}; the layer's files extracted; a layer whose bytes do not
 * match its digest refused.
 */
class OciArtifactsTest {
  private static final String FILE = "apps/source.yaml";
  @TempDir static Path work;
  private static RealRegistry registry;
  private static RegistryClient client;
  private static String digest110;

  @BeforeAll
  static void startRegistry() throws Exception {
    Optional<RealRegistry> started = RealRegistry.start(work.resolve("registry"), "pusher", "push-s3cret");
    if (started.isEmpty()) {
      return;
    }
    registry = started.get();
    client = new RegistryClient(registry.host(), true, "pusher", "push-s3cret", new HttpFetch(null, Duration.ofSeconds(30)));
    push("1.0.0", "one");
    digest110 = push("1.1.0", "one-one");
    push("2.0.0-rc.1", "two");
    push("tampered", "tampered");
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static String push(String tag, String value) throws Exception {
    Path dir = work.resolve("src-" + tag);
    Files.createDirectories(dir.resolve("deploy"));
    Files.writeString(dir.resolve("deploy/config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n"
        + "data: {value: " + value + "}\n");
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: [deploy/config.yaml]\n");
    return ArtifactPush.push(client, "manifests/app", tag, dir, "https://git.example/app.git",
        "main@sha1:0123456789abcdef0123456789abcdef01234567", "2026-12-08T00:00:00Z");
  }

  private static OCIRepository repository(String ref) {
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: app, namespace: flux-system}
        spec:
          url: oci://%s/manifests/app
          interval: 10m
          insecure: true
          ref: %s
        """.formatted(registry.host(), ref);
    return HelmObjects.ociRepository(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));
  }

  private static OciArtifact fetch(String ref) {
    return new ChartSources(new ChartCache(work.resolve("cache"))).fromOciArtifact(repository(ref),
        new RepositoryAuth("pusher", "push-s3cret", null, null, null), ChartSources.Verifier.NONE);
  }

  @Test
  void aTagIsPulledWithFluxsRevisionAndItsFilesExtracted() throws Exception {
    assumeTrue(registry != null);
    OciArtifact artifact = fetch("{tag: \"1.1.0\"}");

    assertThat(artifact.revision()).isEqualTo("1.1.0@" + digest110);
    assertThat(artifact.annotations()).containsEntry(ArtifactPush.SOURCE, "https://git.example/app.git")
        .containsEntry(ArtifactPush.REVISION, "main@sha1:0123456789abcdef0123456789abcdef01234567")
        .containsEntry(ArtifactPush.CREATED, "2026-12-08T00:00:00Z");
    assertThat(Files.readString(artifact.root().resolve("deploy/config.yaml"))).contains("value: one-one");
    assertThat(artifact.extracted()).isTrue();
  }

  @Test
  void semverPicksTheNewestMatchingTagAndTheFilterNarrowsIt() {
    assumeTrue(registry != null);
    assertThat(fetch("{semver: \">=1.0.0-0\"}").revision()).startsWith("2.0.0-rc.1@sha256:");
    assertThat(fetch("{semver: \"1.x\"}").revision()).isEqualTo("1.1.0@" + digest110);
    assertThat(fetch("{semver: \"*\", semverFilter: \"^1\\\\.0\"}").revision()).startsWith("1.0.0@sha256:");
  }

  @Test
  void aDigestRefIsTheDigestAlone() {
    assumeTrue(registry != null);
    assertThat(fetch("{digest: \"" + digest110 + "\"}").revision()).isEqualTo(digest110);
  }

  @Test
  void aLayerWhoseBytesDoNotMatchItsDigestIsRefused() throws Exception {
    assumeTrue(registry != null);
    String layer = client.manifest("manifests/app", "tampered").layers().get(0).digest();
    Path data = work.resolve("registry/data/docker/registry/v2/blobs/sha256")
        .resolve(layer.substring(7, 9)).resolve(layer.substring(7)).resolve("data");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(data, bytes);

    assertThatThrownBy(() -> fetch("{tag: tampered}"))
        .isInstanceOf(ChartSourceException.class)
        .hasMessageStartingWith(FILE + ": OCIRepository/flux-system/app: GET http://" + registry.host()
            + "/v2/manifests/app/blobs/" + layer + ": the blob has digest sha256:")
        .hasMessageEndingWith(", not " + layer);
    try (Stream<Path> cached = Files.walk(work.resolve("cache"))) {
      assertThat(cached.map(Path::toString)).as("nothing of it kept").noneMatch(p -> p.contains(layer.substring(7)));
    }
  }
}
