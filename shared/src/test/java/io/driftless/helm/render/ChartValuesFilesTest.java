package io.driftless.helm.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.source.helm.ChartArchive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.chart.spec.valuesFiles} merged as source-controller merges them: in list order, later
 * files winning key by key, maps merged and lists replaced; the chart's values.yaml only when listed.
 */
class ChartValuesFilesTest {
  @TempDir Path tmp;

  private static ChartArchive.Entry file(String path, String text) {
    return new ChartArchive.Entry(path, text.getBytes(StandardCharsets.UTF_8));
  }

  private static final List<ChartArchive.Entry> CHART = List.of(
      file("Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"),
      file("values.yaml", "replicaCount: 1\nimage: {repository: web, tag: '1.0'}\nports: [80, 443]\n"),
      file("values-prod.yaml", "replicaCount: 3\nimage: {tag: '2.0'}\nports: [8080]\n"),
      file("env/eu.yaml", "image: {pullPolicy: Always}\nregion: eu\n"));

  @Test
  void filesMergeInOrderLaterOnesWinningMapsMergedListsReplaced() {
    Map<String, Object> merged = new ChartValuesFiles(List.of("values.yaml", "values-prod.yaml", "./env/eu.yaml"),
        false, null).merge(CHART, "chart web@1.0.0");

    assertThat(merged).containsEntry("replicaCount", 3).containsEntry("ports", List.of(8080))
        .containsEntry("region", "eu")
        .containsEntry("image", Map.of("repository", "web", "tag", "2.0", "pullPolicy", "Always"));
  }

  @Test
  void theChartsOwnValuesCountOnlyWhenListed() {
    Map<String, Object> merged = new ChartValuesFiles(List.of("values-prod.yaml"), false, null)
        .merge(CHART, "chart web@1.0.0");

    assertThat(merged).containsOnlyKeys("replicaCount", "image", "ports");
    assertThat(merged.get("image")).isEqualTo(Map.of("tag", "2.0"));
  }

  @Test
  void aMissingFileFailsNamingItUnlessMissingFilesAreIgnored() {
    assertThatThrownBy(() -> new ChartValuesFiles(List.of("values-prod.yaml", "nope.yaml"), false, null)
        .merge(CHART, "chart web@1.0.0"))
        .isInstanceOf(ChartRenderException.class)
        .hasMessage("chart web@1.0.0: no values file found at path 'nope.yaml'");
    assertThat(new ChartValuesFiles(List.of("values-prod.yaml", "nope.yaml"), true, null).merge(CHART, "c"))
        .containsEntry("replicaCount", 3);
  }

  @Test
  void aFileThatIsNotYamlFailsNamingIt() {
    List<ChartArchive.Entry> chart = List.of(file("bad.yaml", "a: [unclosed\n"));
    assertThatThrownBy(() -> new ChartValuesFiles(List.of("bad.yaml"), false, null).merge(chart, "chart web@1.0.0"))
        .hasMessageStartingWith("chart web@1.0.0: unmarshaling values from 'bad.yaml' failed: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aGitChartReadsFromTheRepositoryRootAndNeverOutsideIt() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(repo.resolve("clusters/prod"));
    Files.writeString(repo.resolve("clusters/prod/web-values.yaml"), "replicaCount: 5\n");
    Files.writeString(tmp.resolve("outside.yaml"), "secret: true\n");

    assertThat(new ChartValuesFiles(List.of("clusters/prod/web-values.yaml"), false, repo).merge(List.of(), "c"))
        .isEqualTo(Map.of("replicaCount", 5));
    assertThatThrownBy(() -> new ChartValuesFiles(List.of("../outside.yaml"), false, repo).merge(List.of(), "c"))
        .hasMessage("values file '../outside.yaml' resolves outside the source");
    Files.createSymbolicLink(repo.resolve("clusters/prod/leak.yaml"), tmp.resolve("outside.yaml"));
    Files.createSymbolicLink(repo.resolve("clusters/prod/same.yaml"), Path.of("web-values.yaml"));
    assertThatThrownBy(() -> new ChartValuesFiles(List.of("clusters/prod/same.yaml", "/clusters/prod/leak.yaml"),
        true, repo).merge(List.of(), "c"))
        .isInstanceOfSatisfying(ChartFileException.class, e -> assertThat(e.valuesFile()).isEqualTo(1))
        .hasMessage("values file '/clusters/prod/leak.yaml' resolves outside the source");
    assertThat(new ChartValuesFiles(List.of("/clusters/prod/same.yaml"), false, repo).merge(List.of(), "c"))
        .as("a link that stays inside").isEqualTo(Map.of("replicaCount", 5));
  }

  @Test
  void aValuesFileThatIsALinkInAChartArchiveIsNotAFileOfTheChart() throws Exception {
    Files.writeString(tmp.resolve("outside.yaml"), "secret: canary\n");
    ByteArrayOutputStream tgz = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(
        new GZIPOutputStream(tgz))) {
      byte[] chart = "apiVersion: v2\nname: web\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8);
      var chartYaml = new TarArchiveEntry("web/Chart.yaml");
      chartYaml.setSize(chart.length);
      tar.putArchiveEntry(chartYaml);
      tar.write(chart);
      tar.closeArchiveEntry();
      var link = new TarArchiveEntry("web/values-prod.yaml",
          TarConstants.LF_SYMLINK);
      link.setLinkName(tmp.resolve("outside.yaml").toString());
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    List<ChartArchive.Entry> files = ChartArchive.read(new ByteArrayInputStream(tgz.toByteArray()), "c");

    assertThatThrownBy(() -> new ChartValuesFiles(List.of("values-prod.yaml"), false, null).merge(files, "c"))
        .hasMessage("c: no values file found at path 'values-prod.yaml'");
  }

  @Test
  void theChartRendersWithTheMergedFilesAsItsDefaultsAndStoresThem() throws Exception {
    Path chart = TestCharts.shop(tmp.resolve("charts"));
    Files.writeString(chart.resolve("values-prod.yaml"), "greeting: from-prod\n");
    ChartRenderer renderer = new ChartRenderer(tmp.resolve("work"));

    RenderedChart rendered = renderer.render(new RenderRequest(chart, "web", "shop-ns", Map.of(),
        new Capabilities("v1.20.2", List.of()), new ChartValuesFiles(List.of("values.yaml", "values-prod.yaml"), false,
        null), false));

    assertThat(rendered.manifest()).contains("greeting: \"FROM-PROD\"");
    assertThat(rendered.chart().path("values").path("greeting").asText()).isEqualTo("from-prod");
  }
}
