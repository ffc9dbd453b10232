package io.driftless.helm.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.testing.ChartBombs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {
  @TempDir static Path dir;
  private static Path chart;
  private static ChartRenderer renderer;

  @BeforeAll
  static void makeChart() throws IOException {
    chart = TestCharts.shop(dir.resolve("charts"));
    renderer = new ChartRenderer(dir.resolve("work"));
  }

  private static RenderedChart render(Map<String, Object> values) {
    return renderer.render(new RenderRequest(chart, "web", "shop-ns", values,
        new Capabilities("v1.20.2", List.of("apps/v1"))));
  }

  @Test
  void theManifestHoldsTheRenderedObjectsOfTheChartAndItsSubchartButNoHooks() {
    RenderedChart rendered = render(Map.of("greeting", "hi"));

    assertThat(rendered.chartName()).isEqualTo("shop");
    assertThat(rendered.chartVersion()).isEqualTo("1.2.3");
    assertThat(rendered.appVersion()).isEqualTo("2.0");
    assertThat(rendered.manifest())
        .startsWith("---\n# Source: shop/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-shop\n")
        .contains("\n---\n# Source: shop/charts/cache/templates/service.yaml\n")
        .contains("greeting: \"HI\"", "encoded: aGk=", "kube: \"v1.20.2\"", "fallback: none", "item-1: b",
            "port: 6380", "image: \"nginx:2.0\"", "checksum/config: ")
        .doesNotContain("helm.sh/hook", "web-shop-migrate", "web-shop-test", "driftless")
        .endsWith("\n");
  }

  @Test
  void hooksComeApartWithTheirEventsWeightsAndPoliciesIncludingAnnotationsFromValues() {
    RenderedChart rendered = render(Map.of());

    assertThat(rendered.hooks()).extracting(RenderedHook::name)
        .containsExactlyInAnyOrder("web-shop-migrate", "web-shop-post", "web-shop-test");
    RenderedHook migrate = hook(rendered, "web-shop-migrate");
    assertThat(migrate.kind()).isEqualTo("ConfigMap");
    assertThat(migrate.path()).isEqualTo("shop/templates/migrate-hook.yaml");
    assertThat(migrate.events()).containsExactly("pre-install", "pre-upgrade");
    assertThat(migrate.weight()).isEqualTo(-5);
    assertThat(migrate.deletePolicies()).containsExactly("before-hook-creation");
    assertThat(migrate.manifest()).startsWith("apiVersion: v1\nkind: ConfigMap\n")
        .contains("\"helm.sh/hook\": pre-install,pre-upgrade");
    RenderedHook post = hook(rendered, "web-shop-post");
    assertThat(post.events()).containsExactly("post-install", "post-upgrade");
    assertThat(post.weight()).isEqualTo(3);
    assertThat(post.manifest()).contains("helm.sh/hook: post-install,post-upgrade");
    assertThat(hook(rendered, "web-shop-test").events()).containsExactly("test");
  }

  @Test
  void aHookWithAnEventHelmDoesNotKnowIsDroppedEverywhereAsHelmDoes() {
    RenderedChart rendered = render(Map.of());

    assertThat(rendered.manifest()).doesNotContain("web-shop-unknown");
    assertThat(rendered.hooks()).extracting(RenderedHook::name).doesNotContain("web-shop-unknown");
  }

  @Test
  void crdsOfTheChartAndOfItsPackagedSubchartComeApartUntemplated() {
    RenderedChart rendered = render(Map.of());

    assertThat(rendered.crds()).extracting(ChartCrd::path)
        .containsExactly("shop/crds/widgets.yaml", "shop/charts/cache/crds/caches.yaml");
    assertThat(rendered.crds().get(0).content()).contains("name: widgets.test.driftless.io");
    assertThat(rendered.manifest()).doesNotContain("CustomResourceDefinition");
  }

  @Test
  void notesAreRenderedWithTheReleaseAndValues() {
    assertThat(render(Map.of("greeting", "hey")).notes())
        .isEqualTo("Thank you for installing shop as web in shop-ns.\nGreeting: hey\n");
  }

  @Test
  void theStoredChartFollowsHelmsLoaderAndHelmignore() {
    RenderedChart rendered = render(Map.of());

    assertThat(rendered.chart().path("metadata").path("name").asText()).isEqualTo("shop");
    assertThat(rendered.chart().path("metadata").path("dependencies").get(0).path("name").asText()).isEqualTo("cache");
    List<String> templates = names(rendered.chart().path("templates"));
    assertThat(templates).contains("templates/_helpers.tpl", "templates/NOTES.txt", "templates/tests/test-connection.yaml")
        .noneMatch(name -> name.contains("driftless"));
    assertThat(names(rendered.chart().path("files"))).contains("README.md", "crds/widgets.yaml")
        .doesNotContain("ignored.bak").noneMatch(name -> name.startsWith("charts/"));
    assertThat(rendered.chart().path("values").path("settings").path("color").asText()).isEqualTo("blue");
    assertThat(rendered.chart().path("schema").isTextual()).isTrue();
  }

  @Test
  void thePackagedChartRendersLikeTheDirectory() throws IOException {
    Path packaged = Files.createDirectories(dir.resolve("packaged"));
    new com.marcnuri.helm.Helm(chart).packageIt().withDestination(packaged).call();
    RenderedChart fromTgz = renderer.render(new RenderRequest(packaged.resolve("shop-1.2.3.tgz"), "web", "shop-ns",
        Map.of(), new Capabilities("v1.20.2", List.of())));

    assertThat(fromTgz.manifest()).isEqualTo(render(Map.of()).manifest());
  }

  @Test
  void aTemplateErrorIsOneLineNamingTheChartAndTheTemplate() {
    assertThatThrownBy(() -> render(Map.of("settings", "not-a-map", "greeting", List.of(1))))
        .isInstanceOf(ChartRenderException.class)
        .hasMessageStartingWith("chart shop@1.2.3: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void valuesThatBreakTheSchemaAreRefusedByHelm() {
    assertThatThrownBy(() -> render(Map.of("replicas", "many")))
        .isInstanceOf(ChartRenderException.class)
        .hasMessageStartingWith("chart shop@1.2.3: ")
        .hasMessageContaining("replicas");
  }

  @Test
  void aMissingChartIsNamed() {
    assertThatThrownBy(() -> renderer.render(new RenderRequest(dir.resolve("nope.tgz"), "web", "ns", Map.of(), null)))
        .isInstanceOf(ChartRenderException.class)
        .hasMessageContaining("nope.tgz");
  }

  @Test
  void everyRenderCleansItsWorkDirectory() throws IOException {
    render(Map.of());
    try (Stream<Path> left = Files.list(dir.resolve("work"))) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("helm-render-"));
    }
  }

  private static RenderedHook hook(RenderedChart rendered, String name) {
    return rendered.hooks().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> names(com.fasterxml.jackson.databind.JsonNode files) {
    List<String> names = new ArrayList<>();
    files.forEach(file -> names.add(file.path("name").asText()));
    return names;
  }

  @Test
  void valuesAgainstTheSchemaFailUnlessSchemaValidationIsSkippedAndTheStoredChartKeepsTheSchema() {
    Map<String, Object> bad = Map.of("replicas", -1);
    assertThatThrownBy(() -> render(bad)).isInstanceOf(ChartRenderException.class).hasMessageContaining("replicas");

    RenderedChart rendered = renderer.render(new RenderRequest(chart, "web", "shop-ns", bad,
        new Capabilities("v1.20.2", List.of()), null, true));

    assertThat(rendered.manifest()).contains("web-shop");
    assertThat(rendered.chart().path("schema").isTextual()).isTrue();
  }

  @Test
  void aChartDirectoryWhoseSubchartArchivesExpandPastTheBudgetTogetherIsRefusedBeforeHelmLoadsIt() throws IOException {
    // as pushed to a Git source: eight subchart archives of 16 MiB each, each under Helm's own 100 MiB
    Path bomb = Files.createDirectories(dir.resolve("bomb/charts"));
    Files.writeString(bomb.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: bomb\nversion: 1.0.0\n");
    byte[] sub = new ChartBombs().file("sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n")
        .zeros("sub/files/a", 1).zeros("sub/files/b", 1).zeros("sub/files/c", 1).zeros("sub/files/d", 1).tgz();
    for (int i = 0; i < 8; i++) {
      Files.write(bomb.resolve("sub" + i + "-0.1.0.tgz"), sub);
    }

    assertThatThrownBy(() -> renderer.render(new RenderRequest(bomb.getParent(), "web", "shop-ns", Map.of(), null)))
        .isInstanceOf(ChartRenderException.class)
        .hasMessage("chart bomb expands past 100 MiB");
  }
}
