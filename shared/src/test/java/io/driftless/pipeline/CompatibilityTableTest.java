package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.driftless.model.FluxObjects;
import io.driftless.model.GitRepository;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.Receiver;
import io.driftless.model.Receivers;
import io.driftless.model.helm.ArtifactGenerator;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.notify.Alert;
import io.driftless.notify.NotificationObjects;
import io.driftless.notify.Provider;
import io.driftless.source.helm.ChartSources;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/flux-compatibility.md, section "Field by field", is the parser and the engine's refusals: it
 * lists every field of every Flux kind's spec record (recursively, {@code []} for list elements), and
 * each row's status holds when the field is set on a minimal object that is run through the parser and
 * the refusal checks the engine runs (refused exactly when the row says {@code refuses}). Refusals
 * that happen deep in a reconcile (a {@code sourceRef.kind}, a chart source's provider, an
 * ArtifactGenerator copy strategy) depend on a value, not on the field being set; their rows say
 * {@code acts} and name the refused values, and are not run here.
 */
class CompatibilityTableTest {
  private static final Path DOC = Path.of("../docs/flux-compatibility.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (acts|refuses|ignored) \\| .*\\|$");
  private static final Pattern INDEX = Pattern.compile("\\[\\d*]");

  /** A Flux kind as Driftless reads it: its spec record, a minimal valid object, and the engine's checks. */
  private record Kind(String name, String apiVersion, Class<?> spec, Map<String, Object> minimal,
      Consumer<KubeObject> checks) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("Kustomization", Kustomization.API_VERSION, Kustomization.Spec.class,
          Map.of("interval", "10m", "prune", true, "sourceRef", Map.of("kind", "GitRepository", "name", "app")),
          o -> {
            Kustomization ks = FluxObjects.kustomization(o);
            UnsupportedFields.refuse(ks);
            Kustomization.KubeConfigRef kc = ks.spec().kubeConfig();
            if (kc != null) { // the check Targets makes before it reads the kubeconfig Secret
              Targets.requireSecretRef(kc.secretRef(), kc.configMapRef() != null, "Kustomization/" + ks.key());
            }
          }),
      new Kind("GitRepository", GitRepository.API_VERSION, GitRepository.Spec.class,
          Map.of("interval", "1m", "url", "https://example.com/app.git"),
          o -> Sources.refuseUnsupported(FluxObjects.gitRepository(o))),
      new Kind("HelmRelease", HelmRelease.API_VERSION, HelmRelease.Spec.class,
          Map.of("interval", "10m", "chart", Map.of("spec", Map.of("chart", "app",
              "sourceRef", Map.of("kind", "HelmRepository", "name", "charts")))),
          o -> {
            HelmRelease hr = HelmObjects.helmRelease(o);
            HelmUnsupportedFields.refuse(hr);
            HelmRelease.KubeConfigRef kc = hr.spec().kubeConfig();
            if (kc != null) {
              Targets.requireSecretRef(kc.secretRef(), kc.configMapRef() != null, "HelmRelease/" + hr.namespace() + "/" + hr.name());
            }
          }),
      new Kind("HelmRepository", HelmRepository.API_VERSION, HelmRepository.Spec.class,
          Map.of("interval", "1h", "url", "https://charts.example.com"), HelmObjects::helmRepository),
      new Kind("HelmChart", HelmChart.API_VERSION, HelmChart.Spec.class,
          Map.of("interval", "1h", "chart", "app", "sourceRef", Map.of("kind", "HelmRepository", "name", "charts")),
          o -> HelmChartFields.refuse(HelmObjects.helmChart(o))),
      new Kind("OCIRepository", OCIRepository.API_VERSION, OCIRepository.Spec.class,
          Map.of("interval", "5m", "url", "oci://registry.example.com/charts/app"),
          o -> ChartSources.refuseUnsupported(HelmObjects.ociRepository(o))),
      new Kind("ArtifactGenerator", ArtifactGenerator.API_VERSION, ArtifactGenerator.Spec.class,
          Map.of("sources", List.of(Map.of("alias", "repo", "name", "repo", "kind", "GitRepository")),
              "artifacts", List.of(Map.of("name", "app",
                  "copy", List.of(Map.of("from", "@repo/app/**", "to", "@artifact/"))))),
          o -> ExternalArtifacts.refuseUnsupported((ArtifactGenerator) HelmObjects.parse(o).orElseThrow())),
      new Kind("Provider", NotificationObjects.GROUP + "/v1beta3", Provider.Spec.class,
          Map.of("type", "generic", "address", "https://example.com/hook"), NotificationObjects::provider),
      new Kind("Alert", NotificationObjects.GROUP + "/v1beta3", Alert.Spec.class,
          Map.of("providerRef", Map.of("name", "chat"), "eventSources", List.of(Map.of("kind", "Kustomization", "name", "*"))),
          NotificationObjects::alert),
      new Kind("Receiver", Receiver.API_VERSION, Receiver.Spec.class,
          Map.of("type", "generic", "secretRef", Map.of("name", "token"),
              "resources", List.of(Map.of("kind", "GitRepository", "name", "app"))),
          Receivers::parse));

  /** What a list element or an object starts as when a row sets one of its fields: its required siblings. */
  private static final Map<String, Map<String, Object>> TEMPLATES = Map.ofEntries(
      Map.entry("spec.dependsOn[]", Map.of("name", "dep")),
      Map.entry("spec.healthCheckExprs[]", Map.of("apiVersion", "example.com/v1", "current", "true")),
      Map.entry("spec.kubeConfig.secretRef", Map.of("name", "kubeconfig")),
      Map.entry("spec.valuesFrom[]", Map.of("kind", "ConfigMap", "name", "values", "targetPath", "a.b")),
      Map.entry("spec.test.filters[]", Map.of("name", "test")),
      Map.entry("spec.install.strategy", Map.of("name", "RetryOnFailure")),
      Map.entry("spec.upgrade.strategy", Map.of("name", "RetryOnFailure")),
      Map.entry("spec.driftDetection.ignore[]", Map.of("paths", List.of("/spec/replicas"))),
      Map.entry("spec.chartRef", Map.of("kind", "OCIRepository", "name", "app")),
      Map.entry("spec.chart.spec.verify", Map.of("provider", "cosign")),
      Map.entry("spec.verify", Map.of("provider", "cosign")));

  /** Values a generic one would not parse (enums, URLs, references); {@code Kind spec.path} or {@code spec.path}. */
  private static final Map<String, Object> EXAMPLES = Map.ofEntries(
      Map.entry("spec.sourceRef.kind", "GitRepository"),
      Map.entry("Kustomization spec.deletionPolicy", "Delete"),
      Map.entry("spec.decryption.provider", "sops"),
      Map.entry("GitRepository spec.url", "https://example.com/other.git"),
      Map.entry("GitRepository spec.provider", "azure"),
      Map.entry("HelmRelease spec.chart.spec.sourceRef.kind", "HelmRepository"),
      Map.entry("spec.chart.spec.reconcileStrategy", "Revision"),
      Map.entry("spec.chartRef.kind", "HelmChart"),
      Map.entry("spec.driftDetection.mode", "enabled"),
      Map.entry("spec.install.crds", "CreateReplace"),
      Map.entry("spec.upgrade.crds", "CreateReplace"),
      Map.entry("spec.install.remediation.strategy", "rollback"),
      Map.entry("spec.upgrade.remediation.strategy", "uninstall"),
      Map.entry("spec.install.strategy.name", "RetryOnFailure"),
      Map.entry("spec.upgrade.strategy.name", "RetryOnFailure"),
      Map.entry("spec.install.serverSideApply", false),
      Map.entry("spec.upgrade.serverSideApply", "disabled"),
      Map.entry("spec.rollback.serverSideApply", "disabled"),
      Map.entry("spec.upgrade.chartNameChangeStrategy", "InPlaceUpdate"),
      Map.entry("spec.uninstall.deletionPropagation", "foreground"),
      Map.entry("spec.valuesFrom[].kind", "Secret"),
      Map.entry("spec.postRenderStrategy", "combined"),
      Map.entry("spec.waitStrategy.name", "legacy"),
      Map.entry("spec.chart.spec.verify.provider", "cosign"),
      Map.entry("spec.verify.provider", "cosign"),
      Map.entry("HelmRepository spec.url", "https://other.example.com"),
      Map.entry("HelmRepository spec.type", "default"),
      Map.entry("spec.provider", "generic"),
      Map.entry("HelmChart spec.sourceRef.kind", "HelmRepository"),
      Map.entry("HelmChart spec.reconcileStrategy", "Revision"),
      Map.entry("OCIRepository spec.url", "oci://registry.example.com/other"),
      Map.entry("spec.layerSelector.operation", "copy"),
      Map.entry("spec.sources[].kind", "GitRepository"),
      Map.entry("spec.sources[].alias", "repo"),
      Map.entry("spec.pathPattern", "@repo/apps/*"),
      Map.entry("spec.artifacts[].revision", "@repo"),
      Map.entry("spec.artifacts[].originRevision", "@repo"),
      Map.entry("spec.artifacts[].copy[].from", "@repo/other/**"),
      Map.entry("spec.artifacts[].copy[].to", "@artifact/other/"),
      Map.entry("spec.artifacts[].copy[].strategy", "Merge"),
      Map.entry("Provider spec.type", "slack"),
      Map.entry("Provider spec.address", "https://example.com/other"),
      Map.entry("spec.eventSeverity", "error"),
      Map.entry("spec.eventSources[].kind", "HelmRelease"),
      Map.entry("Receiver spec.type", "github"),
      Map.entry("spec.resources[].kind", "Kustomization"));

  /** For rows that refuse only some values: the values their notes say act, each accepted by the engine. */
  private static final Map<String, Object> ACTING_VALUES = Map.ofEntries(
      Map.entry("GitRepository spec.provider", "generic"),
      Map.entry("GitRepository spec.recurseSubmodules", false));

  @Test
  void everyParsedFieldIsListedAndEveryListedFieldIsParsed() throws IOException {
    Map<String, Map<String, String>> table = table();
    for (Kind kind : KINDS) {
      assertThat(table).as("docs/flux-compatibility.md, Field by field, has a table for " + kind.name())
          .containsKey(kind.name());
      assertThat(new TreeSet<>(table.get(kind.name()).keySet()))
          .as("the fields of the " + kind.name() + " table are the fields its parser binds (" + kind.spec().getName() + ")")
          .isEqualTo(new TreeSet<>(fields("spec", kind.spec())));
    }
    assertThat(table.keySet()).as("every table is of a kind the parser reads")
        .containsExactlyInAnyOrderElementsOf(KINDS.stream().map(Kind::name).toList());
  }

  @Test
  void aRowSaysRefusesExactlyWhenTheEngineRefusesTheField() throws IOException {
    Map<String, Map<String, String>> table = table();
    List<String> wrong = new ArrayList<>();
    for (Kind kind : KINDS) {
      kind.checks().accept(object(kind, null, null)); // the minimal object passes every check
      List<String> known = fields("spec", kind.spec()); // rows the parser does not know fail the test above
      table.getOrDefault(kind.name(), Map.of()).forEach((field, status) -> {
        if (!known.contains(field)) {
          return;
        }
        Optional<String> refusal = refusal(kind, field, example(kind, field));
        if (refusal.isPresent() != status.equals("refuses")) {
          wrong.add(kind.name() + " " + field + ": the table says " + status + ", the engine "
              + refusal.map(m -> "refuses it: " + m).orElse("accepts it"));
        }
      });
    }
    assertThat(wrong).as("rows whose status is not what the engine does").isEmpty();
  }

  @Test
  void theValuesARefusingRowSaysActAreAccepted() throws IOException {
    Map<String, Map<String, String>> table = table();
    ACTING_VALUES.forEach((row, value) -> {
      String kindName = row.substring(0, row.indexOf(' '));
      String field = row.substring(row.indexOf(' ') + 1);
      assertThat(table.get(kindName)).as(row + " is a row that refuses").containsEntry(field, "refuses");
      Kind kind = KINDS.stream().filter(k -> k.name().equals(kindName)).findFirst().orElseThrow();
      assertThat(refusal(kind, field, value)).as(row + ": " + value + " acts").isEmpty();
    });
  }

  /** The refusal naming {@code field} (or an object holding it), or empty when the object passes every check. */
  private static Optional<String> refusal(Kind kind, String field, Object value) {
    try {
      kind.checks().accept(object(kind, field, value));
      return Optional.empty();
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      assertThat(refuses(message) && namesFieldOrParent(message, field))
          .as(kind.name() + " " + field + ": the example value must be valid, yet it failed with: " + message)
          .isTrue();
      return Optional.of(message);
    }
  }

  private static boolean refuses(String message) {
    return message.contains("not supported") || message.contains("refused") || message.contains("not delivered");
  }

  private static boolean namesFieldOrParent(String message, String field) {
    String m = INDEX.matcher(message).replaceAll("");
    String f = INDEX.matcher(field).replaceAll("");
    for (String p = f; p.indexOf('.') > 0; p = p.substring(0, p.lastIndexOf('.'))) {
      if (Pattern.compile(Pattern.quote(p) + "(?![A-Za-z0-9])").matcher(m).find()) {
        return true;
      }
    }
    return false;
  }

  /** The kind's minimal object with {@code field} (a row's path, or null for none) set to {@code value}. */
  private static KubeObject object(Kind kind, String field, Object value) {
    Map<String, Object> spec = copy(kind.minimal());
    if (field != null) {
      set(spec, "spec", field.substring("spec.".length()).split("\\."), 0, value);
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("apiVersion", kind.apiVersion());
    content.put("kind", kind.name());
    content.put("metadata", Map.of("name", "app", "namespace", "apps"));
    content.put("spec", field != null && field.startsWith("spec.chartRef") ? withoutChart(spec) : spec);
    return new KubeObject(content, "clusters/prod/app.yaml");
  }

  private static Map<String, Object> withoutChart(Map<String, Object> spec) {
    spec.remove("chart");
    return spec;
  }

  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> node, String at, String[] path, int i, Object value) {
    String segment = path[i];
    boolean list = segment.endsWith("[]");
    String key = list ? segment.substring(0, segment.length() - 2) : segment;
    String here = at + "." + segment;
    if (i == path.length - 1) {
      node.put(key, value);
      return;
    }
    Map<String, Object> child;
    if (list) {
      List<Object> items = (List<Object>) node.computeIfAbsent(key, k -> new ArrayList<>(List.of(template(here))));
      child = (Map<String, Object>) items.get(0);
    } else {
      child = (Map<String, Object>) node.computeIfAbsent(key, k -> template(here));
    }
    set(child, here, path, i + 1, value);
  }

  private static Map<String, Object> template(String at) {
    return new LinkedHashMap<>(TEMPLATES.getOrDefault(at, Map.of()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? copy((Map<String, Object>) m)
        : v instanceof List<?> l ? new ArrayList<>(l.stream().map(e -> e instanceof Map<?, ?> m
            ? (Object) copy((Map<String, Object>) m) : e).toList()) : v));
    return out;
  }

  /** The example value for a field: from {@link #EXAMPLES}, else a generic one of its type. */
  private static Object example(Kind kind, String field) {
    Object specific = EXAMPLES.getOrDefault(kind.name() + " " + field, EXAMPLES.get(field));
    if (specific != null) {
      return specific;
    }
    Type type = componentType(kind.spec(), field.substring("spec.".length()).split("\\."), 0);
    String leaf = field.substring(field.lastIndexOf('.') + 1).toLowerCase();
    if (type == String.class) {
      return leaf.endsWith("interval") || leaf.endsWith("timeout") ? "1m" : "example";
    }
    if (type == Boolean.class) {
      return true;
    }
    if (type == Integer.class) {
      return 1;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return p.getActualTypeArguments()[0] == String.class ? List.of("example") : List.of(Map.of("example", "example"));
    }
    return Map.of("example", "example"); // a map, or an object the spec keeps unread
  }

  private static Type componentType(Class<?> record, String[] path, int i) {
    String key = path[i].replace("[]", "");
    for (RecordComponent rc : record.getRecordComponents()) {
      if (!jsonName(rc).equals(key)) {
        continue;
      }
      if (i == path.length - 1) {
        return rc.getGenericType();
      }
      Class<?> next = rc.getType().isRecord() ? rc.getType() : elementType(rc).orElseThrow();
      return componentType(next, path, i + 1);
    }
    throw new IllegalArgumentException(record.getName() + " has no field " + key);
  }

  /** Every field path under {@code prefix} of a spec record: nested records and lists of records recursed into. */
  private static List<String> fields(String prefix, Class<?> record) {
    List<String> out = new ArrayList<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      String path = prefix + "." + jsonName(rc);
      Optional<Class<?>> element = elementType(rc);
      if (rc.getType().isRecord()) {
        out.addAll(fields(path, rc.getType()));
      } else if (element.isPresent()) {
        out.addAll(fields(path + "[]", element.get()));
      } else {
        out.add(path);
      }
    }
    return out;
  }

  /** The record a {@code List<Record>} component holds. */
  private static Optional<Class<?>> elementType(RecordComponent rc) {
    if (List.class.isAssignableFrom(rc.getType()) && rc.getGenericType() instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
      return Optional.of(c);
    }
    return Optional.empty();
  }

  private static String jsonName(RecordComponent rc) {
    JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
    return p == null || p.value().isEmpty() ? rc.getName() : p.value();
  }

  /** Kind → field → status, from the section "Field by field". */
  private static Map<String, Map<String, String>> table() throws IOException {
    List<String> doc = Files.readAllLines(DOC);
    int start = doc.indexOf("## Field by field");
    assertThat(start).as("docs/flux-compatibility.md has a section Field by field").isNotNegative();
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : doc.subList(start + 1, doc.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("### ")) {
        current = new LinkedHashMap<>();
        tables.put(line.substring(4).trim(), current);
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (row.matches() && current != null) {
        assertThat(current.put(row.group(1), row.group(2))).as("a row listed twice: " + line).isNull();
      }
    }
    tables.values().removeIf(Map::isEmpty);
    return tables;
  }
}
