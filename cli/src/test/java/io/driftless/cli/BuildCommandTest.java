package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.model.Yaml;
import io.driftless.testing.FakeSecretsManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `driftless build` prints what kubectl kustomize prints; `driftless build ks` adds Flux's layer and masks Secrets. */
class BuildCommandTest {
  private static final Path SOPS_VECTORS = Path.of(
      "../shared/src/test/resources/io/driftless/render/decrypt/testdata/sops/fluxcd__kustomize-controller/internal/controller/testdata/sops");
  @TempDir Path tmp;
  private final CliOutput cli = new CliOutput();

  @AfterEach
  void forgetKeys() {
    System.clearProperty("DRIFTLESS_SOPS_KEYS");
  }

  @Test
  void everyExampleInTheRepoBuildsByteForByteLikeKubectl() throws Exception {
    assumeTrue(kubectlPresent(), "kubectl is not installed");
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(Path.of("../examples"))) {
      dirs = walk.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml"))).sorted().toList();
    }
    assertThat(dirs).isNotEmpty();
    for (Path dir : dirs) {
      cli.clear();
      assertThat(cli.run("build", dir.toString())).as(dir.toString()).isZero();
      assertThat(cli.out()).as(dir.toString()).isEqualTo(kubectl(dir));
    }
  }

  @Test
  void aBrokenKustomizationExitsOneWithTheFileOnStderr() throws IOException {
    Files.writeString(tmp.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");

    assertThat(cli.run("build", tmp.toString())).isEqualTo(1);
    assertThat(cli.err()).contains("missing.yaml");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void buildKsDecryptsAndMasksSecretValuesUnlessAsked() throws IOException {
    System.setProperty("DRIFTLESS_SOPS_KEYS", SOPS_VECTORS.resolve("keys/age.txt").toString());

    buildKsDecryptsTheAgeSecret();
  }

  @Test
  void buildKsReadsARegisteredKeyFromSecretsManagerAsTheEngineDoes() throws IOException {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:sops-age-AbCdEf";
    String key = Files.readString(SOPS_VECTORS.resolve("keys/age.txt"));
    try (FakeSecretsManager aws = FakeSecretsManager.start()) {
      aws.answer(arn, Yaml.json().createObjectNode().put("ARN", arn).put("SecretString", key).toString());
      System.setProperty("AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.endpoint().toString());
      System.setProperty("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
      System.setProperty("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
      System.setProperty("DRIFTLESS_SOPS_KEYS", arn);

      buildKsDecryptsTheAgeSecret();
      assertThat(aws.calls()).extracting(c -> c.body().path("SecretId").asText()).contains(arn);
    } finally {
      System.clearProperty("AWS_ENDPOINT_URL_SECRETS_MANAGER");
      System.clearProperty("AWS_ACCESS_KEY_ID");
      System.clearProperty("AWS_SECRET_ACCESS_KEY");
    }
  }

  /** Builds an app holding SOPS's age test Secret with the key DRIFTLESS_SOPS_KEYS registers. */
  private void buildKsDecryptsTheAgeSecret() throws IOException {
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.copy(SOPS_VECTORS.resolve("algorithms/age.yaml"), app.resolve("secret.yaml"));
    Path ks = Files.writeString(tmp.resolve("ks.yaml"), """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: app, namespace: flux-system}
        spec:
          interval: 10m
          prune: true
          path: ./app
          targetNamespace: team
          sourceRef: {kind: GitRepository, name: flux-system}
          decryption: {provider: sops, secretRef: {name: sops-age}}
        """);

    assertThat(cli.run("build", "ks", "app", "--path", app.toString(), "--kustomization-file", ks.toString()))
        .as(cli::err).isZero();
    String masked = cli.out();
    cli.clear();
    assertThat(cli.run("build", "ks", "app", "--path", app.toString(), "--kustomization-file", ks.toString(),
        "--show-secrets")).isZero();
    String shown = cli.out();

    assertThat(masked).contains("key: '**SOPS**'").contains("namespace: team")
        .contains("kustomize.toolkit.fluxcd.io/name: app").doesNotContain("sops:").doesNotContain("key: value");
    assertThat(shown).contains("key: value");
  }

  private static boolean kubectlPresent() {
    try {
      return new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String kubectl(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return text;
  }
}
