package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A chart's output read as Helm's kube client reads it, then stored as the API server stores it, on the
 * sandbox and a real API server: {@code data:} with no value (cert-manager 1.10's ConfigMap) and {@code ~}
 * are null, so the object is stored without them; a comment-only and an empty document are skipped; a
 * repeated key keeps its last value; {@code ---} inside a block scalar is text; and
 * {@code .Capabilities.KubeVersion} is the cluster's own.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmOutputEndToEndTest {
  private static final String OUTPUT = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: empty-data
        labels: ~
      data:
      ---
      # a document holding only a comment
      ---
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: repeated-key
      data:
        colour: red
        colour: blue
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: block-scalar
      data:
        script: |
          ---
          echo one
          ---
        empty: ""
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: capabilities
      data:
        kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
      """;

  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private HelmReleaseFixture fixture;

  /** The test chart web 1.1.0, with the template above. */
  @BeforeEach
  void serveTheChart() throws Exception {
    Path chart = TestCharts.writeChart(tmp.resolve("v1.1.0"), "web", "1.1.0");
    Files.writeString(chart.resolve("templates/output.yaml"), OUTPUT);
    fixture = new HelmReleaseFixture(tmp, cluster);
    fixture.serve("1.1.0", TestCharts.packageChart(chart));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private ConfigMap configMap(String name) {
    return fixture.kube().configMaps().inNamespace("web").withName(name).get();
  }

  @Test
  void theServerStoresTheChartsOutputAsHelmReadsIt() {
    HelmReleaseStatus status = fixture.reconcile("1.1.0", "", "");

    assertThat(status.isReady()).as("the comment-only and empty documents are skipped: %s",
        status.condition(Condition.READY).map(Condition::message).orElse("")).isTrue();
    ConfigMap emptyData = configMap("empty-data");
    assertThat(emptyData.getData()).as("data: with no value").isNullOrEmpty();
    assertThat(emptyData.getMetadata().getLabels()).as("labels: ~, then the release's labels")
        .containsEntry("app.kubernetes.io/managed-by", "Helm");
    assertThat(configMap("repeated-key").getData()).isEqualTo(Map.of("colour", "blue"));
    assertThat(configMap("block-scalar").getData())
        .isEqualTo(Map.of("script", "---\necho one\n---\n", "empty", ""));
    assertThat(HelmReleaseFixture.history(fixture.kube()).get(0).manifest()).as("helm get manifest")
        .contains("# a document holding only a comment", "colour: red\n  colour: blue");
  }

  /**
   * The server's version as Helm parses a given one: without its pre-release part (the sandbox's
   * {@code v1.32.0-driftless-sandbox} gives {@code v1.32.0}; helm-controller would print it whole).
   */
  @Test
  void capabilitiesKubeVersionIsTheClustersOwn() {
    fixture.reconcile("1.1.0", "", "");

    String served = fixture.kube().getKubernetesVersion().getGitVersion();
    assertThat(configMap("capabilities").getData())
        .containsEntry("kubeVersion", served.replaceFirst("^(v\\d+\\.\\d+\\.\\d+).*", "$1"));
    if (cluster == TestCluster.REAL) {
      assertThat(configMap("capabilities").getData()).containsEntry("kubeVersion", "v1.20.2");
    }
  }
}
