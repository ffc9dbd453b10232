package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.testing.ChartBombs;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input to a deployed HelmRelease (helm-controller's behaviour, issue 9 "Bad input"): an unknown
 * chart version, an unreachable chart repository, a chart whose template fails, a values file
 * from the ConfigMap that is not YAML, and chart archives built to exhaust the function (subchart
 * archives nested to expand past Helm's 100 MiB together, too many entries, a file over 5 MiB). Each sets Ready=False with one line that names the HelmRelease
 * and the cause, applies nothing, and leaves release v1 as it was: the same revisions in Helm's
 * storage and the same objects (resourceVersion) on the cluster.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseBadInputTest extends HelmReleaseTestBase {
  private Map<String, String> objectsBefore;

  @BeforeEach
  void installReleaseV1() {
    push(remote.commit("web"));
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED));
    objectsBefore = releaseObjects();
  }

  @Test
  void anUnknownChartVersion() {
    remote.write("apps/web/release.yaml", release("9.9.9"));

    push(remote.commit("no such version"));

    Condition ready = refusedAndUntouched();
    assertThat(ready.reason()).isEqualTo("ArtifactFailed");
    assertThat(ready.message())
        .isEqualTo(HR + ": HelmRepository/web/charts: no 'web' chart with version matching '9.9.9' found");
  }

  @Test
  void anUnreachableChartRepository() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Path repository = remote.workTree().resolve("apps/web/repository.yaml");
    Files.writeString(repository, Files.readString(repository)
        .replace(charts.url("/charts"), "http://127.0.0.1:" + closed + "/charts"));
    remote.write("apps/web/values.yaml", "replicaCount: 3\n");

    push(remote.commit("the repository moved away"));

    Condition ready = refusedAndUntouched();
    assertThat(ready.reason()).isEqualTo("ArtifactFailed");
    assertThat(ready.message()).isEqualTo(HR + ": HelmRepository/web/charts: GET http://127.0.0.1:" + closed
        + "/charts/index.yaml: connection refused");
  }

  @Test
  void aTemplateError() throws IOException {
    Path broken = TestCharts.writeChart(tmp.resolve("broken"), "web", "1.1.0");
    Files.writeString(broken.resolve("templates/broken.yaml"), "{{ fail \"the chart refuses\" }}\n");
    serve("1.1.0", TestCharts.packageChart(broken));
    remote.write("apps/web/release.yaml", release("1.1.0"));

    push(remote.commit("broken chart"));

    Condition ready = refusedAndUntouched();
    assertThat(ready.reason()).isEqualTo("UpgradeFailed");
    assertThat(ready.message())
        .startsWith(HR + ": Helm upgrade failed for release web/web with chart web@1.1.0: ")
        .contains("the chart refuses");
    assertThat(status().getLastAttemptedRevision()).isEqualTo("1.1.0");
  }

  @Test
  void aValuesFileThatIsNotYaml() {
    remote.write("apps/web/values.yaml", "replicaCount: [3\n");

    push(remote.commit("broken values"));

    Condition ready = refusedAndUntouched();
    assertThat(ready.message())
        .contains("ConfigMap chart values reference 'web/web-values' with key 'values.yaml'")
        .contains("while parsing a flow sequence");
  }

  @Test
  void subchartArchivesNestedInsideEachOtherShareOneBudget() {
    // each subchart (16 MiB, in its own nested subchart) is under Helm's 100 MiB; together 4.8 GB
    byte[] inner = new ChartBombs().file("inner/Chart.yaml", "apiVersion: v2\nname: inner\nversion: 0.1.0\n")
        .zeros("inner/files/a", 1).zeros("inner/files/b", 1).zeros("inner/files/c", 1).zeros("inner/files/d", 1).tgz();
    byte[] sub = new ChartBombs().file("sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n")
        .file("sub/charts/inner-0.1.0.tgz", inner).tgz();
    ChartBombs web = new ChartBombs().file("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.1.0\n")
        .file("web/templates/canary.yaml", CANARY_CONFIG_MAP);
    for (int i = 0; i < 300; i++) {
      web.file("web/charts/sub" + i + "-0.1.0.tgz", sub);
    }

    assertRefused(web.tgz(), "chart web-1.1.0.tgz expands past 100 MiB");
  }

  @Test
  void aChartOfManyEmptyEntries() {
    assertRefused(new ChartBombs().file("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.1.0\n")
        .file("web/templates/canary.yaml", CANARY_CONFIG_MAP).emptyFiles("web/files/empty-", 20_000).tgz(),
        "chart web-1.1.0.tgz has more than 20000 entries");
  }

  @Test
  void aChartFileLargerThanHelmAllows() {
    assertRefused(new ChartBombs().file("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.1.0\n")
        .file("web/templates/canary.yaml", CANARY_CONFIG_MAP).zeros("web/files/huge", 2).tgz(),
        "chart web-1.1.0.tgz: file web/files/huge is larger than 5 MiB");
  }

  private static final String CANARY = "canary-0d5c1f";
  private static final String CANARY_CONFIG_MAP =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: canary}\ndata: {value: " + CANARY + "}\n";

  /** The chart web 1.1.0 is {@code tgz}: refused before anything of it is rendered or applied. */
  private void assertRefused(byte[] tgz, String why) {
    serve("1.1.0", tgz);
    remote.write("apps/web/release.yaml", release("1.1.0"));

    push(remote.commit("web 1.1.0"));

    Condition ready = refusedAndUntouched();
    assertThat(ready.reason()).isEqualTo("ArtifactFailed");
    assertThat(ready.message()).isEqualTo(HR + ": HelmRepository/web/charts: " + why);
    assertThat(kube.configMaps().inAnyNamespace().list().getItems())
        .noneMatch(c -> c.getMetadata().getName().equals("canary") || String.valueOf(c.getData()).contains(CANARY));
  }

  /** Ready=False in one line naming the HelmRelease; release v1 and its objects exactly as before. */
  private Condition refusedAndUntouched() {
    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).as(ready.message()).isEqualTo(Condition.FALSE);
    assertThat(ready.message()).startsWith(HR + ": ").doesNotContain("\n");
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED));
    assertThat(releaseObjects()).as("the release's objects and their resourceVersions").isEqualTo(objectsBefore);
    return ready;
  }

  /** Every object release v1 made in the namespace web, by kind and name, with its resourceVersion. */
  private Map<String, String> releaseObjects() {
    Stream<HasMetadata> objects = Stream.of(
            kube.apps().deployments().inNamespace("web").list().getItems(),
            kube.services().inNamespace("web").list().getItems(),
            kube.batch().v1().jobs().inNamespace("web").list().getItems())
        .flatMap(List::stream);
    return objects.collect(Collectors.toMap(o -> o.getKind() + "/" + o.getMetadata().getName(),
        o -> o.getMetadata().getResourceVersion()));
  }
}
