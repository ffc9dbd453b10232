package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.source.HttpFetch;
import io.driftless.source.oci.ArtifactPush;
import io.driftless.source.oci.OciManifest;
import io.driftless.source.oci.RegistryClient;
import io.driftless.testing.RealRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless push artifact} writes Flux's artifact format to a real registry (config and layer
 * media types, the source/revision/created annotations) and {@code driftless pull artifact} reads the
 * files back.
 */
class ArtifactCommandTest {
  @TempDir Path tmp;

  @Test
  void aDirectoryIsPushedInFluxsFormatAndPulledBack() throws Exception {
    Optional<RealRegistry> started = RealRegistry.start(tmp.resolve("registry"), "ci", "ci-s3cret");
    assumeTrue(started.isPresent(), "docker-registry is not installed");
    try (RealRegistry registry = started.get()) {
      Path dir = Files.createDirectories(tmp.resolve("deploy/apps"));
      Files.writeString(dir.resolve("config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n");
      CliOutput cli = new CliOutput();
      String url = "oci://" + registry.host() + "/manifests/app:v1.0.0";

      int pushed = cli.run("push", "artifact", url, "--path", tmp.resolve("deploy").toString(),
          "--source", "https://git.example/app.git", "--revision", "v1.0.0@sha1:0123456789abcdef0123456789abcdef01234567",
          "--creds", "ci:ci-s3cret", "--insecure-registry");

      assertThat(pushed).as(cli.err()).isZero();
      RegistryClient client = new RegistryClient(registry.host(), true, "ci", "ci-s3cret",
          new HttpFetch(null, Duration.ofSeconds(30)));
      OciManifest manifest = client.manifest("manifests/app", "v1.0.0");
      assertThat(cli.out()).contains("► pushing artifact to " + registry.host() + "/manifests/app:v1.0.0")
          .contains("✔ artifact successfully pushed to " + registry.host() + "/manifests/app@" + manifest.digest());
      assertThat(manifest.configMediaType()).isEqualTo("application/vnd.cncf.flux.config.v1+json");
      assertThat(manifest.layers()).extracting(OciManifest.Layer::mediaType)
          .containsExactly("application/vnd.cncf.flux.content.v1.tar+gzip");
      assertThat(manifest.annotations()).containsEntry(ArtifactPush.SOURCE, "https://git.example/app.git")
          .containsEntry(ArtifactPush.REVISION, "v1.0.0@sha1:0123456789abcdef0123456789abcdef01234567")
          .containsKey(ArtifactPush.CREATED);

      int pulled = cli.run("pull", "artifact", url, "--output", tmp.resolve("out").toString(),
          "--creds", "ci:ci-s3cret", "--insecure-registry");

      assertThat(pulled).as(cli.err()).isZero();
      assertThat(Files.readString(tmp.resolve("out/apps/config.yaml"))).contains("name: app");
      assertThat(cli.out()).contains("✔ artifact content extracted to " + tmp.resolve("out"));
    }
  }
}
