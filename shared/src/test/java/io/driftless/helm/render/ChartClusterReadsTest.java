package io.driftless.helm.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.render.kustomize.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a chart sees of the cluster: {@code .Capabilities.APIVersions} and {@code lookup} answered by a
 * {@link TargetCluster} (here a table; on a real API server in HelmClusterReadsEndToEndTest), and by
 * nothing when the render has no cluster, as {@code helm template}.
 */
class ChartClusterReadsTest {
  private static final String TEMPLATE = """
      {{- $pw := lookup "v1" "Secret" .Release.Namespace "kept" -}}
      {{- $next := dict -}}
      {{- if $pw }}{{ $next = lookup "v1" "ConfigMap" .Release.Namespace (index $pw.data "next") }}{{ end -}}
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: answers
      data:
        widgetKind: {{ .Capabilities.APIVersions.Has "example.com/v1/Widget" | quote }}
        widgetGroup: {{ $.Capabilities.APIVersions.Has "example.com/v1" | quote }}
        gadget: {{ .Capabilities.APIVersions.Has "example.com/v1/Gadget" | quote }}
        apps: {{ .Capabilities.APIVersions.Has "apps/v1" | quote }}
        listed: {{ has "example.com/v1/Widget" .Capabilities.APIVersions | quote }}
        {{- $served := $.Capabilities.APIVersions }}
        assigned: {{ $served.Has "example.com/v1" | quote }}
        counted: {{ len (.Capabilities.APIVersions | toStrings) | quote }}
        password: {{ if $pw }}{{ index $pw.data "password" | quote }}{{ else }}{{ "generated" | quote }}{{ end }}
        next: {{ dig "data" "value" "none" $next | quote }}
        secrets: {{ (lookup "v1" "Secret" .Release.Namespace "").items | default list | len | quote }}
      """;
  @TempDir static Path dir;
  private static ChartRenderer renderer;
  private static Path reader;

  @BeforeAll
  static void writeTheReaderChart() throws IOException {
    renderer = new ChartRenderer(dir.resolve("work"));
    reader = chart("reader", Map.of("templates/answers.yaml", TEMPLATE, "crds/gadgets.yaml", io.driftless.testing.TestCharts.crd("example.com", "gadgets")));
  }

  /** A chart directory {@code name} 0.1.0 with {@code files}. */
  private static Path chart(String name, Map<String, String> files) throws IOException {
    Path chart = Files.createDirectories(dir.resolve(name));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.createDirectories(chart.resolve(file.getKey()).getParent());
      Files.writeString(chart.resolve(file.getKey()), file.getValue());
    }
    return chart;
  }

  private static RenderedChart render(Path chart, TargetCluster cluster) {
    return renderer.render(new RenderRequest(chart, "web", "shop", Map.of(), new Capabilities("v1.20.2", List.of()),
        null, false, null, cluster));
  }

  /** A cluster serving example.com/v1 Widgets, with the Secret "kept" and the ConfigMap it names. */
  private static final class Table implements TargetCluster {
    final List<List<String>> calls = new ArrayList<>();
    final boolean chartCrds;

    Table(boolean chartCrds) {
      this.chartCrds = chartCrds;
    }

    @Override
    public List<String> apiVersions() {
      return List.of("v1", "v1/Secret", "apps/v1", "apps/v1/Deployment", "example.com/v1", "example.com/v1/Widget");
    }

    @Override
    public Map<String, Object> lookup(String apiVersion, String kind, String namespace, String name) {
      calls.add(List.of(apiVersion, kind, namespace, name));
      if (kind.equals("Secret") && name.equals("kept")) {
        return Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "kept"),
            "data", Map.of("password", "c2VjcmV0", "next", "chained"));
      }
      if (kind.equals("ConfigMap") && name.equals("chained")) {
        return Map.of("data", Map.of("value", "found"));
      }
      if (kind.equals("Secret") && name.isEmpty()) {
        return Map.of("kind", "SecretList", "items", List.of(Map.of("kind", "Secret"), Map.of("kind", "Secret")));
      }
      if (kind.equals("Widget")) {
        throw new LookupException("the API server answered 403: widgets.example.com is forbidden");
      }
      return Map.of();
    }

    @Override
    public boolean servesChartCrds() {
      return chartCrds;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> answers(RenderedChart rendered) {
    return (Map<String, Object>) YamlReader.readHelmDocuments("manifest", rendered.manifest()).get(0).get("data");
  }

  @Test
  void theClustersApiVersionsAndObjectsAnswerTheChart() {
    Table cluster = new Table(false);
    Map<String, Object> data = answers(render(reader, cluster));

    assertThat(data).containsEntry("widgetKind", "true").containsEntry("widgetGroup", "true")
        .containsEntry("gadget", "false").containsEntry("apps", "true").containsEntry("listed", "true")
        .containsEntry("assigned", "true").containsEntry("counted", "6")
        .containsEntry("password", "c2VjcmV0").containsEntry("next", "found").containsEntry("secrets", "2");
    assertThat(cluster.calls).as("each call resolved once, the chained one after the answer it depends on")
        .containsExactly(List.of("v1", "Secret", "shop", "kept"), List.of("v1", "ConfigMap", "shop", "chained"),
            List.of("v1", "Secret", "shop", ""));
  }

  @Test
  void theChartsOwnCrdsAreServedWhenTheyAreAppliedBeforeItRenders() {
    Map<String, Object> data = answers(render(reader, new Table(true)));

    assertThat(data).containsEntry("gadget", "true");
  }

  @Test
  void withoutAClusterTheRenderIsHelmTemplates() {
    Map<String, Object> data = answers(render(reader, null));

    assertThat(data).as("Helm's built-in API versions; lookup answers empty")
        .containsEntry("widgetKind", "false").containsEntry("apps", "true")
        .containsEntry("password", "generated").containsEntry("next", "none").containsEntry("secrets", "0");
  }

  @Test
  void aLookupTheClusterRefusesFailsTheRenderNamingTheCall() throws IOException {
    Path forbidden = chart("forbidden",
        Map.of("templates/cm.yaml", "{{ $w := lookup \"example.com/v1\" \"Widget\" \"shop\" \"w\" }}\n"));

    assertThatThrownBy(() -> render(forbidden, new Table(false)))
        .isInstanceOf(ChartRenderException.class)
        .hasMessageContaining("chart forbidden@0.1.0")
        .hasMessageContaining("forbidden/templates/cm.yaml")
        .hasMessageContaining("error calling lookup \"example.com/v1\" \"Widget\" \"shop\" \"w\": ")
        .hasMessageContaining("403: widgets.example.com is forbidden")
        .hasMessageNotContaining("driftless");
  }

  @Test
  void helmsErrorsQuoteTheChartsOwnExpressions() throws IOException {
    Path broken = chart("broken",
        Map.of("templates/cm.yaml", "{{ len (lookup \"v1\" \"Secret\" \"shop\" \"\").items }}\n"));

    assertThatThrownBy(() -> render(broken, null))
        .hasMessageContaining("at <len (lookup \"v1\" \"Secret\" \"shop\" \"\").items>: error calling len")
        .hasMessageNotContaining("driftless");
  }
}
