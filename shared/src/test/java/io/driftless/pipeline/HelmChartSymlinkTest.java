package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.event.Event;
import io.driftless.model.Condition;
import io.driftless.model.Yaml;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An attacker with push access commits a chart whose files, subchart, Chart.yaml or values files are
 * links out of the checkout ({@code files/env -> /proc/self/environ} read by {@code .Files.Get}). The
 * HelmRelease fails with one line naming it, the field and the file; nothing of the release is
 * applied; what the links point at appears in no cluster object, status, event or log line. Links
 * that stay inside the repository are followed, as source-controller follows them.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmChartSymlinkTest extends HelmReleaseTestBase {
  private static final String CANARY = "canary-4b1d-outside-the-checkout";
  private static final String LEAK = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: leak}
      data:
        leaked: {{ .Files.Get "files/env" | quote }}
        {{- $all := "" }}{{ range $path, $_ := .Files.Glob "files/**" }}{{ $all = print $all ($.Files.Get $path) }}{{ end }}
        listed: {{ $all | quote }}
        fromValuesFile: {{ .Values.fromValuesFile | default "" | quote }}
      """;

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final Logger driftless = Logger.getLogger("io.driftless");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logs.add(r.getMessage() + " " + r.getParameters() + " " + r.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Path outsideFile;
  private Path outsideDir;

  @BeforeEach
  void outsideTheCheckout() throws Exception {
    engine.addEventSink(events::add);
    capture.setLevel(Level.ALL);
    driftless.addHandler(capture);
    outsideDir = Files.createDirectories(tmp.resolve("outside"));
    outsideFile = Files.writeString(outsideDir.resolve("kubeconfig"), "name: web\nversion: 1.2.0\ntoken: " + CANARY + "\n");
  }

  @AfterEach
  void stopCapture() {
    driftless.removeHandler(capture);
  }

  @Test
  void theFunctionsEnvironmentThroughFilesGet() throws Exception {
    Path chart = chart("environ");
    link(chart.resolve("files/env"), Path.of("/proc/self/environ"));
    releaseFrom("environ", "");

    push(remote.commit("leak the environment"));

    refused("spec.chart.spec.chart: chart file 'charts/environ/web/files/env' resolves outside the source");
    String path = System.getenv("PATH");
    assertThat(path).isNotBlank();
    canaryNowhere("PATH=" + path);
  }

  @Test
  void everyChartFileOrValuesFileThatLeavesTheSourceIsRefused() throws Exception {
    Path absolute = chart("absolute");
    link(absolute.resolve("files/env"), outsideFile);
    Path dots = chart("dots");
    link(dots.resolve("files/env"), Path.of("../../../../../../../../../../../../../../../../../../.." + outsideFile));
    Path directory = chart("directory");
    link(directory.resolve("files/dir"), outsideDir);
    Path subchart = chart("subchart");
    Files.writeString(subchart.resolve("charts/cache/templates/leak.yaml"), LEAK);
    link(subchart.resolve("charts/cache/files/env"), outsideFile);
    Path ignored = chart("ignored");
    Files.writeString(ignored.resolve(".helmignore"), "files/\n");
    link(ignored.resolve("files/env"), outsideFile);
    Path chartYaml = chart("chartyaml");
    Files.delete(chartYaml.resolve("Chart.yaml"));
    link(chartYaml.resolve("Chart.yaml"), outsideFile);
    Path loop = chart("loop");
    link(loop.resolve("files/all"), Path.of(".."));
    Path values = chart("values");
    remote.write("values/base.yaml", "replicaCount: 1\n");
    link(remote.workTree().resolve("values/prod.yaml"), outsideFile);
    String valuesFiles = "      valuesFiles: [values/base.yaml, values/prod.yaml]\n";

    List<String[]> attacks = List.of(
        new String[] {"absolute", "", "spec.chart.spec.chart: chart file 'charts/absolute/web/files/env' resolves outside the source"},
        new String[] {"dots", "", "spec.chart.spec.chart: chart file 'charts/dots/web/files/env' resolves outside the source"},
        new String[] {"directory", "", "spec.chart.spec.chart: chart file 'charts/directory/web/files/dir' resolves outside the source"},
        new String[] {"subchart", "", "spec.chart.spec.chart: chart file 'charts/subchart/web/charts/cache/files/env' resolves outside the source"},
        new String[] {"ignored", "", "spec.chart.spec.chart: chart file 'charts/ignored/web/files/env' resolves outside the source"},
        new String[] {"chartyaml", "", "spec.chart.spec.chart: chart file 'charts/chartyaml/web/Chart.yaml' resolves outside the source"},
        new String[] {"loop", "", "spec.chart.spec.chart: chart file 'charts/loop/web/files/all' is a link to a directory that holds it"},
        new String[] {"values", valuesFiles, "spec.chart.spec.valuesFiles[1]: values file 'values/prod.yaml' resolves outside the source"},
        new String[] {"values", valuesFiles + "      ignoreMissingValuesFiles: true\n",
            "spec.chart.spec.valuesFiles[1]: values file 'values/prod.yaml' resolves outside the source"});
    for (String[] attack : attacks) {
      releaseFrom(attack[0], attack[1]);
      push(remote.commit("attack " + attack[0]));
      refused(attack[2]);
    }
    canaryNowhere(CANARY);
  }

  @Test
  void linksThatStayInsideTheRepositoryAreFollowed() throws Exception {
    Path chart = chart("inside");
    remote.write("shared/leak.yaml", LEAK);
    remote.write("shared/files/env", "from-inside");
    remote.write("values/base.yaml", "fromValuesFile: linked\n");
    Path tree = remote.workTree();
    Files.delete(chart.resolve("templates/leak.yaml"));
    relativeLink(chart.resolve("templates/leak.yaml"), tree.resolve("shared/leak.yaml"));
    relativeLink(chart.resolve("files/env"), tree.resolve("shared/files/env"));
    relativeLink(chart.resolve("files/more"), tree.resolve("shared/files"));
    relativeLink(tree.resolve("values/prod.yaml"), tree.resolve("values/base.yaml"));
    releaseFrom("inside", "      valuesFiles: [values/prod.yaml]\n");

    push(remote.commit("links inside"));

    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).as(ready.message()).isEqualTo(Condition.TRUE);
    assertThat(kube.configMaps().inNamespace("web").withName("leak").get().getData())
        .containsEntry("leaked", "from-inside").containsEntry("listed", "from-insidefrom-inside")
        .containsEntry("fromValuesFile", "linked");
  }

  /** The chart web 1.2.0 at charts/{@code name}/web, with a template that prints its files/ into a ConfigMap. */
  private Path chart(String name) throws Exception {
    Path dir = TestCharts.writeChart(remote.workTree().resolve("charts/" + name), "web", "1.2.0");
    Files.writeString(dir.resolve("templates/leak.yaml"), LEAK);
    Files.createDirectories(dir.resolve("files"));
    return dir;
  }

  private static void link(Path link, Path target) throws Exception {
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, target);
  }

  /** A relative link from {@code link} to {@code target}, both in the work tree. */
  private static void relativeLink(Path link, Path target) throws Exception {
    link(link, link.getParent().relativize(target));
  }

  private void releaseFrom(String chart, String chartSpec) {
    remote.write("apps/web/release.yaml", release("1.0.0").replace(
        "chart: web\n      version: \"1.0.0\"\n      sourceRef: {kind: HelmRepository, name: charts}\n",
        "chart: ./charts/" + chart + "/web\n      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}\n"
            + chartSpec));
  }

  /** Ready=False with one line naming the HelmRelease, the field and the file; nothing of the release applied. */
  private void refused(String cause) {
    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).as(ready.message()).isEqualTo(Condition.FALSE);
    assertThat(ready.reason()).isEqualTo("ArtifactFailed");
    assertThat(ready.message()).isEqualTo(HR + ": " + cause);
    assertThat(kube.configMaps().inNamespace("web").withName("leak").get()).as("the leak ConfigMap").isNull();
    assertThat(deployment()).as("the release's Deployment").isNull();
    assertThat(history()).as("no release revision").isEmpty();
  }

  private void canaryNowhere(String canary) throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(kube.configMaps().inAnyNamespace().list().getItems());
    objects.addAll(kube.secrets().inAnyNamespace().list().getItems());
    if (cluster == TestCluster.REAL) { // the sandbox serves no Event list
      objects.addAll(kube.v1().events().inAnyNamespace().list().getItems());
    }
    List<String> seen = new ArrayList<>();
    objects.forEach(o -> seen.add(Yaml.write(o)));
    seen.add(Yaml.write(status()));
    events.forEach(e -> seen.add(String.valueOf(e)));
    seen.addAll(logs);
    assertThat(events).as("events were recorded").isNotEmpty();
    try (Stream<String> all = seen.stream()) {
      assertThat(all.filter(s -> s.contains(canary)).toList()).isEmpty();
    }
  }
}
