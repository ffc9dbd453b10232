package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Revision;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObjects;
import io.driftless.source.SourceSnapshot;
import io.driftless.testing.TestCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chart that is a directory in a fetched GitRepository. */
class GitChartsTest {
  private static final String FILE = "apps/podinfo/chart.yaml";
  private static final String COMMIT = "4e5cbb7b97d0aa11bb22cc33dd44ee55ff667788";

  @TempDir Path checkout;
  @TempDir Path cacheDir;

  private static HelmChart helmChart() {
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmChart
        metadata: {name: podinfo, namespace: flux-system}
        spec: {chart: ./charts/podinfo, sourceRef: {kind: GitRepository, name: podinfo}, interval: 5m}
        """;
    return HelmObjects.helmChart(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));
  }

  private SourceSnapshot snapshot() {
    return new SourceSnapshot("flux-system/podinfo", new Revision("main", COMMIT), checkout, true);
  }

  @Test
  void theChartVersionIsTheRevisionUnlessTheStrategyIsRevision() throws Exception {
    Path dir = TestCharts.writeChart(checkout.resolve("charts"), "podinfo", "6.0.3");
    ChartSources run = new ChartSources(new ChartCache(cacheDir));

    ChartArtifact byVersion = run.fromGitRepository(helmChart(), snapshot(), "./charts/podinfo", "ChartVersion");
    assertThat(byVersion.revision()).isEqualTo("6.0.3");
    assertThat(byVersion.path()).isEqualTo(dir.toRealPath());
    assertThat(Files.isRegularFile(byVersion.path().resolve("templates/_helpers.tpl"))).isTrue();

    ChartArtifact byRevision = run.fromGitRepository(helmChart(), snapshot(), "charts/podinfo/", "Revision");
    assertThat(byRevision.revision()).isEqualTo("6.0.3+4e5cbb7b97d0");
    assertThat(byRevision.chartVersion()).isEqualTo("6.0.3+4e5cbb7b97d0");
  }

  @Test
  void aPathOutsideTheSourceOrWithoutAChartIsRefused() throws Exception {
    Files.createDirectories(checkout.resolve("docs"));
    ChartSources run = new ChartSources(new ChartCache(cacheDir));
    String prefix = FILE + ": HelmChart/flux-system/podinfo: ";

    assertThatThrownBy(() -> run.fromGitRepository(helmChart(), snapshot(), "../../etc", "ChartVersion"))
        .hasMessage(prefix + "chart path '../../etc' leaves the source");
    assertThatThrownBy(() -> run.fromGitRepository(helmChart(), snapshot(), "./docs", "ChartVersion"))
        .hasMessage(prefix + "no Chart.yaml in './docs' of flux-system/podinfo at main@sha1:" + COMMIT);
    assertThatThrownBy(() -> run.fromGitRepository(helmChart(), snapshot(), "./charts/nginx", "ChartVersion"))
        .hasMessage(prefix + "chart path './charts/nginx' is not a directory in the source");
    Files.writeString(checkout.resolve("docs/Chart.yaml"), "name: [unclosed\n");
    assertThatThrownBy(() -> run.fromGitRepository(helmChart(), snapshot(), "docs", "ChartVersion"))
        .hasMessageStartingWith(prefix + "docs/Chart.yaml is not valid YAML: ");
  }
}
