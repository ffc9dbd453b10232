package io.driftless.helm.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.driftless.model.ParseLimits;
import io.driftless.source.helm.ChartArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Renders a chart with Helm's own engine (Helm 3.21 in-process through helm-java) and splits the
 * result as Helm does for a release: manifest, hooks, {@code crds/} and NOTES. Every file it writes
 * (the packaged chart, the chart copy Helm renders, the values file) goes under the work directory
 * given to it, one subdirectory per render, removed afterwards.
 */
public final class ChartRenderer {
  private static final ObjectMapper YAML = ParseLimits.yamlMapper();
  private static final String NOTES_TEMPLATE = "driftless.release-notes";
  private static final String NOTES_FILE = "templates/driftless-release-notes.yaml";
  private static final String NOTES_KIND = "DriftlessReleaseNotes";
  private static final String VALUES_FILE = "values.yaml";
  private static final ObjectMapper JSON = ParseLimits.jsonMapper();
  /** Different {@code lookup} calls one render may make (each costs a render of its own). */
  static final int MAX_LOOKUPS = 64;

  private final Path workRoot;

  /** {@code workRoot} must be writable (on Lambda: under /tmp). */
  public ChartRenderer(Path workRoot) {
    this.workRoot = workRoot;
    HelmRuntime.prepare(workRoot);
  }

  public RenderedChart render(RenderRequest request) {
    String origin = "chart " + request.chart().getFileName();
    Path work = null;
    try {
      Files.createDirectories(workRoot);
      work = Files.createTempDirectory(workRoot, "helm-render-");
      List<ChartArchive.Entry> files =
          withValuesFiles(chartFiles(request.chart(), request.sourceRoot(), work, origin), request, origin);
      ObjectNode chart = StoredChart.of(files, origin);
      String chartName = chart.path("metadata").path("name").asText("");
      String chartVersion = chart.path("metadata").path("version").asText("");
      origin = "chart " + chartName + "@" + chartVersion;
      Path copy = work.resolve("chart");
      boolean hasNotes = files.stream().anyMatch(f -> f.path().equals("templates/NOTES.txt"));
      List<String> apiVersions = ChartApiVersions.of(request, files, chartName);
      boolean lookups = writeRenderCopy(files, copy, hasNotes, request.skipSchemaValidation(), apiVersions != null);
      Path values = work.resolve("values.yaml");
      Files.writeString(values, HookAnnotations.holdText(YAML.writeValueAsString(request.values())));
      String output = HookAnnotations.restore(lookups || apiVersions != null
          ? renderAnswering(request, copy, values, work, origin, apiVersions) : template(request, copy, values, work, origin));
      return split(output, chartName, chartVersion, chart, files, origin);
    } catch (IOException e) {
      throw new ChartRenderException(origin + ": " + e.getMessage());
    } finally {
      if (work != null) {
        deleteTree(work);
      }
    }
  }

  /**
   * The files of a packaged chart, or of a chart directory: that one is first copied without links
   * ({@link ConfinedChartCopy}, every file inside {@code sourceRoot}, or inside the chart when it is
   * null), then packaged by Helm, so .helmignore and Helm's other loading rules apply as in Helm.
   */
  private static List<ChartArchive.Entry> chartFiles(Path chart, Path sourceRoot, Path work, String origin)
      throws IOException {
    Path archive = chart;
    if (Files.isDirectory(chart)) {
      Path copy = work.resolve("source").resolve(chart.getFileName().toString());
      ConfinedChartCopy.copy(sourceRoot == null ? chart : sourceRoot, chart, copy);
      // its files and subchart archives must fit what a chart archive may expand to before Helm loads them
      try {
        ChartArchive.checkDirectory(copy, origin);
      } catch (IOException e) {
        throw new ChartRenderException(e.getMessage());
      }
      Path packaged = Files.createDirectories(work.resolve("package"));
      try {
        new Helm(copy).packageIt().withDestination(packaged).call();
      } catch (IllegalStateException e) {
        throw new ChartRenderException(origin + ": " + helmMessage(e));
      }
      try (Stream<Path> listing = Files.list(packaged)) {
        archive = listing.filter(p -> p.toString().endsWith(".tgz")).findFirst()
            .orElseThrow(() -> new ChartRenderException(origin + ": Helm wrote no chart package"));
      }
    } else if (!Files.isRegularFile(chart)) {
      throw new ChartRenderException(origin + ": no chart directory or .tgz at " + chart);
    }
    String name = archive == chart ? origin : "chart " + archive.getFileName();
    try (InputStream in = Files.newInputStream(archive)) {
      return ChartArchive.read(in, name);
    } catch (java.util.zip.ZipException notGzip) {
      throw new ChartRenderException(name + ": not a gzipped chart archive");
    } catch (IOException e) {
      throw new ChartRenderException(e.getMessage());
    }
  }

  /** The chart's files with {@code values.yaml} replaced by the merged values files, when there are any. */
  private static List<ChartArchive.Entry> withValuesFiles(List<ChartArchive.Entry> files, RenderRequest request,
      String origin) throws IOException {
    if (request.valuesFiles() == null || request.valuesFiles().paths().isEmpty()) {
      return files;
    }
    byte[] values = YAML.writeValueAsBytes(request.valuesFiles().merge(files, origin));
    List<ChartArchive.Entry> out = new ArrayList<>(files.stream().filter(f -> !f.path().equals(VALUES_FILE)).toList());
    out.add(new ChartArchive.Entry(VALUES_FILE, values));
    return out;
  }

  /**
   * The chart as Helm will render it (subchart archives already unpacked by {@link ChartArchive}),
   * hook annotations held, notes exposed, {@code lookup} (and {@code .APIVersions} when
   * {@code apiVersions}) rewritten ({@link TemplateRewrite}); without any {@code values.schema.json} when
   * schema validation is skipped. Whether any template calls {@code lookup}.
   */
  private static boolean writeRenderCopy(List<ChartArchive.Entry> files, Path dir, boolean hasNotes,
      boolean skipSchema, boolean apiVersions) throws IOException {
    boolean lookups = false;
    for (ChartArchive.Entry file : files) {
      if (skipSchema && isSchema(file.path())) {
        continue;
      }
      Optional<String> text = TemplateRewrite.isTemplate(file.path()) ? HookAnnotations.utf8(file.data())
          : Optional.empty();
      if (text.isPresent()) {
        TemplateRewrite.Rewritten rewritten = TemplateRewrite.of(text.get(), apiVersions);
        lookups |= rewritten.lookup();
        write(dir, new ChartArchive.Entry(file.path(), rewritten.text().getBytes(StandardCharsets.UTF_8)));
      } else {
        write(dir, file);
      }
    }
    String notes = hasNotes
        ? new String(Files.readAllBytes(dir.resolve("templates/NOTES.txt")), StandardCharsets.UTF_8) : "";
    // a define cannot nest in a define: such notes are left out of the release rather than failing it
    if (hasNotes && !notes.matches("(?s).*\\{\\{-?\\s*define\\b.*")) {
      Files.writeString(dir.resolve("templates/_driftless-release-notes.tpl"),
          "{{ define \"" + NOTES_TEMPLATE + "\" }}" + notes + "{{ end }}");
      Files.writeString(dir.resolve(NOTES_FILE), "apiVersion: driftless.io/v1\nkind: " + NOTES_KIND
          + "\nmetadata:\n  name: notes\nnotes: {{ include \"" + NOTES_TEMPLATE + "\" . | toJson }}\n");
    }
    return lookups;
  }

  /**
   * Renders with the cluster's answers ({@link ClusterTemplates}): each {@code lookup} call the render
   * stops at is resolved on the target cluster and the chart rendered again with its answer, until
   * it renders through; a chart that branches on an answer asks its next call in the next pass.
   */
  private static String renderAnswering(RenderRequest request, Path copy, Path values, Path work, String origin,
      List<String> apiVersions) throws IOException {
    Map<List<String>, String> answers = new LinkedHashMap<>();
    while (true) {
      Files.writeString(copy.resolve(ClusterTemplates.FILE),
          ClusterTemplates.of(apiVersions, answers, request.cluster() != null));
      try {
        return template(request, copy, values, work, origin);
      } catch (ChartRenderException e) {
        LookupAsked asked = asked(e.getMessage().substring(origin.length() + 2), origin);
        if (asked == null) {
          throw e;
        }
        if (answers.size() >= MAX_LOOKUPS) {
          throw new ChartRenderException(origin + ": the chart makes more than " + MAX_LOOKUPS
              + " different lookup calls");
        }
        answers.put(asked.call(), answer(request.cluster(), asked, origin));
      }
    }
  }

  private static String answer(TargetCluster cluster, LookupAsked asked, String origin) throws IOException {
    try {
      Map<String, Object> found = cluster.lookup(asked.call().get(0), asked.call().get(1), asked.call().get(2),
          asked.call().get(3));
      return HookAnnotations.holdText(JSON.writeValueAsString(found));
    } catch (TargetCluster.LookupException e) {
      StringBuilder call = new StringBuilder();
      for (String arg : asked.call()) {
        call.append(' ').append(ClusterTemplates.go(arg));
      }
      throw new ChartRenderException(origin + ": " + asked.where() + "error calling lookup" + call + ": " + e.getMessage());
    }
  }

  /** The {@code lookup} call a render stopped at, and where Helm says it was made. */
  private record LookupAsked(List<String> call, String where) {}

  /** The call a render stopped at, from Helm's error, or null when it stopped for another reason. */
  private static LookupAsked asked(String message, String origin) {
    int at = message.indexOf(ClusterTemplates.ASKS);
    if (at < 0) {
      return null;
    }
    String where = message.substring(0, at);
    List<?> call;
    try {
      call = JSON.readValue(message.substring(at + ClusterTemplates.ASKS.length()), List.class);
    } catch (IOException e) {
      throw new ChartRenderException(origin + ": " + where + "unreadable lookup call");
    }
    List<String> strings = new ArrayList<>();
    for (Object arg : call) {
      if (!(arg instanceof String text)) {
        throw new ChartRenderException(origin + ": " + where + "error calling lookup: wrong type for value;"
            + " expected string; got " + (arg == null ? "nil" : arg.getClass().getSimpleName().toLowerCase()));
      }
      strings.add(text);
    }
    return new LookupAsked(strings, where);
  }

  /** A chart's or an unpacked subchart's {@code values.schema.json}, which Helm validates the values by. */
  private static boolean isSchema(String path) {
    return path.matches("(charts/[^/]+/)*values\\.schema\\.json");
  }

  private static void write(Path dir, ChartArchive.Entry file) throws IOException {
    Path target = dir.resolve(file.path()).normalize();
    if (!target.startsWith(dir)) {
      throw new IOException("chart file " + file.path() + " leaves the chart directory");
    }
    Files.createDirectories(target.getParent());
    Files.write(target, HookAnnotations.hold(file.data()).orElse(file.data()));
  }

  private static String template(RenderRequest request, Path chart, Path values, Path work, String origin) {
    TemplateCommand command = new Helm(chart).template()
        .withName(request.releaseName())
        .withNamespace(request.namespace())
        .withValuesFile(values)
        .withRepositoryConfig(work.resolve("repositories.yaml"));
    if (!request.capabilities().kubeVersion().isEmpty()) {
      command.withKubeVersion(request.capabilities().kubeVersion());
    }
    try {
      return command.call();
    } catch (IllegalStateException e) {
      throw new ChartRenderException(origin + ": " + TemplateRewrite.undo(HookAnnotations.restore(helmMessage(e))));
    }
  }

  private static RenderedChart split(String output, String chartName, String chartVersion, ObjectNode chart,
      List<ChartArchive.Entry> files, String origin) {
    List<TemplateOutput.Document> manifest = new ArrayList<>();
    List<RenderedHook> hooks = new ArrayList<>();
    String notes = "";
    String notesPath = chartName + "/" + NOTES_FILE;
    for (TemplateOutput.Document document : TemplateOutput.documents(output, origin)) {
      if (document.path().equals(notesPath) && document.kind().equals(NOTES_KIND)) {
        notes = document.head().path("notes").asText("");
      } else if (document.annotation(HookAnnotations.HOOK) != null) {
        RenderedHook hook = TemplateOutput.hook(document);
        if (hook != null) {
          hooks.add(hook);
        }
      } else {
        manifest.add(document);
      }
    }
    return new RenderedChart(chartName, chartVersion, chart.path("metadata").path("appVersion").asText(""),
        TemplateOutput.manifest(manifest), hooks, ChartCrds.of(chartName, files), notes, chart);
  }

  /** Helm's error on one line (its lines joined). */
  static String helmMessage(IllegalStateException e) {
    String message = e.getMessage() == null ? "Helm failed" : e.getMessage().strip();
    return String.join(" ", message.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
