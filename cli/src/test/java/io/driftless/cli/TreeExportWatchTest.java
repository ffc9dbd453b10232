package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.local.LocalDynamoDbServer;
import io.driftless.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code tree ks}, {@code export} and {@code get --watch} after the examples were reconciled, on both servers. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class TreeExportWatchTest {
  @Parameter TestCluster kind;
  @TempDir Path tmp;

  @Test
  void treeNestsChildKustomizationsAndReleasesAndExportPrintsTheObjectsWithoutStatus() throws Exception {
    try (CliHarness cli = new CliHarness(kind, tmp).reconciledExamples()) {
      String tree = cli.run(0, "tree", "ks", "flux-system");
      JsonNode json = new ObjectMapper().readTree(cli.run(0, "tree", "ks", "apps", "-o", "json"));
      String exported = cli.run(0, "export", "ks", "--all");
      String oneSource = cli.run(0, "export", "source", "helm", "demo-charts");
      cli.run(1, "export", "hr", "nope", "-n", "hello");
      String missing = cli.err();

      assertThat(tree).startsWith("Kustomization/flux-system/flux-system\n")
          .containsPattern("(├|└)── Kustomization/flux-system/apps\n│   (├|└)── Namespace/podinfo\n")
          .contains("── ConfigMap/podinfo/podinfo-config\n")
          .containsPattern("└── Kustomization/flux-system/infrastructure\n")
          .containsPattern("    ├── HelmRelease/hello/hello\n    │   (├|└)── ")
          .contains("ConfigMap/hello/hello\n")
          .contains("HelmRepository/flux-system/demo-charts\n");
      assertThat(json.at("/resource/Name").asText()).isEqualTo("apps");
      assertThat(json.at("/resource/GroupKind/Kind").asText()).isEqualTo("Kustomization");
      assertThat(json.at("/resources").toString()).contains("\"Name\":\"podinfo\"");
      assertThat(exported).startsWith("---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n")
          .contains("  name: apps\n").contains("  path: ./apps/podinfo\n").contains("  name: infrastructure\n")
          .doesNotContain("status:").doesNotContain("driftless:");
      assertThat(oneSource).contains("kind: HelmRepository").contains("name: demo-charts").doesNotContain("status");
      assertThat(missing).contains("HelmRelease/hello/nope not found");
    }
  }

  @Test
  void watchPrintsTheListingThenTheRowsWhoseStatusChanges() throws Exception {
    try (LocalDynamoDbServer dynamo = LocalDynamoDbServer.start()) {
      System.setProperty("DRIFTLESS_TABLE", "driftless");
      System.setProperty("DRIFTLESS_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
      try (CliHarness cli = new CliHarness(kind, tmp).reconciledExamples()) {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread watch = new Thread(() -> exit.set(
            cli.runAlongside("get", "ks", "--watch", "--watch-interval", "100ms", "--timeout", "2m")));
        cli.clear();
        watch.start();
        awaitTrue(() -> cli.out().matches("(?s).*\napps +main@sha1:[0-9a-f]{40} +False +True.*"));
        int suspend = cli.runAlongside("suspend", "ks", "apps");
        awaitTrue(() -> cli.out().matches("(?s).*\napps +main@sha1:[0-9a-f]{40} +True +True.*"));
        watch.interrupt();
        watch.join(Duration.ofSeconds(30).toMillis());

        assertThat(suspend).isZero();
        assertThat(exit.get()).isZero();
        assertThat(cli.out().lines().filter(l -> l.startsWith("NAME ")).count()).isEqualTo(1);
        assertThat(cli.out()).containsPattern("NAME +REVISION +SUSPENDED +READY +MESSAGE\n")
            .containsPattern("apps +main@sha1:[0-9a-f]{40} +False +True");
      } finally {
        System.clearProperty("DRIFTLESS_TABLE");
        System.clearProperty("DRIFTLESS_DYNAMODB_ENDPOINT");
      }
    }
  }

  private static void awaitTrue(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition within 60 s").isBefore(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  @Test
  void versionShellCompletionAndASelectorWithoutAnOperator() throws Exception {
    try (CliHarness cli = new CliHarness(kind, tmp)) {
      String version = cli.run(0, "version");
      String bash = cli.run(0, "completion", "bash");
      cli.run(1, "get", "ks", "--status-selector", "ready");
      String badSelector = cli.err();

      assertThat(version).startsWith("driftless: v0.1.0\n");
      assertThat(bash).contains("complete -F _complete_driftless").contains("suspend").contains("kustomization");
      assertThat(badSelector).contains("--status-selector ready: expected type=status or type!=status");
    }
  }
}
