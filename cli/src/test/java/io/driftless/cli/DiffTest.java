package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code diff ks NAME --path DIR} against what the examples' reconcile applied, on both servers. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class DiffTest {
  @Parameter TestCluster kind;
  @TempDir Path tmp;

  private static final String SECRET = """
      apiVersion: v1
      kind: Secret
      metadata:
        name: podinfo-token
        namespace: podinfo
      stringData:
        token: %s
      """;

  @Test
  void diffPrintsCreatedDriftedAndDeletedObjectsWithSecretsMaskedAndExitsOneOnlyWhenTheyDiffer() throws Exception {
    try (CliHarness cli = new CliHarness(kind, tmp).reconciledExamples()) {
      Path podinfo = cli.repo().workTree().resolve("apps/podinfo");
      Files.writeString(podinfo.resolve("secret.yaml"), SECRET.formatted("first-token-value"));
      Path kustomization = podinfo.resolve("kustomization.yaml");
      Files.writeString(kustomization, Files.readString(kustomization) + "  - secret.yaml\n");
      String created = cli.run(1, "diff", "ks", "apps", "--path", podinfo.toString());
      cli.repo().commitAndPush("a secret");
      cli.run(0, "reconcile", "ks", "apps", "--with-source");
      String none = cli.run(0, "diff", "ks", "apps", "--path", podinfo.toString());

      Files.writeString(podinfo.resolve("secret.yaml"), SECRET.formatted("second-token-value"));
      Path configMap = podinfo.resolve("configmap.yaml");
      Files.writeString(configMap, Files.readString(configMap).replace("Hello from Driftless", "Hello from a diff"));
      Files.writeString(kustomization, Files.readString(kustomization).replace("  - service.yaml\n", ""));
      String changed = cli.run(1, "diff", "ks", "apps", "--path", podinfo.toString());
      cli.run(2, "diff", "ks", "apps", "--path", tmp.resolve("nowhere").toString());
      String error = cli.err();

      assertThat(created).contains("► Secret/podinfo/podinfo-token created").doesNotContain("first-token-value");
      assertThat(none).doesNotContain("►");
      assertThat(changed).contains("► ConfigMap/podinfo/podinfo-config drifted\n")
          .contains("-   PODINFO_UI_MESSAGE: Hello from Driftless\n")
          .contains("+   PODINFO_UI_MESSAGE: Hello from a diff\n")
          .contains("► Secret/podinfo/podinfo-token drifted\n")
          .contains("-   token: '***** (before)'").contains("+   token: '***** (after)'")
          .doesNotContain("token-value").doesNotContain(java.util.Base64.getEncoder().encodeToString("second-token-value".getBytes()))
          .contains("► Service/podinfo/podinfo deleted")
          .doesNotContain("Deployment/podinfo/podinfo");
      assertThat(error).contains("nowhere");
    }
  }
}
