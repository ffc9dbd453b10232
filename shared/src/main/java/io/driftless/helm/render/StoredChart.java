package io.driftless.helm.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.model.ParseLimits;
import io.driftless.source.helm.ChartArchive;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * The chart document a Helm release stores ({@code helm.sh/helm/v3/pkg/chart}): {@code metadata}
 * (Chart.yaml, in Go's field order, empty fields left out), {@code lock}, {@code templates},
 * {@code values}, {@code schema} and {@code files}, file contents base64 as Go writes {@code []byte}.
 * Subcharts are not part of it (Helm does not serialise them either); files under {@code charts/}
 * other than {@code .prov} are left out as Helm's loader does.
 */
final class StoredChart {
  private static final ObjectMapper JSON = ParseLimits.jsonMapper();
  private static final ObjectMapper YAML = ParseLimits.yamlMapper();
  private static final List<String> METADATA_FIELDS = List.of("name", "home", "sources", "version",
      "description", "keywords", "maintainers", "icon", "apiVersion", "condition", "tags", "appVersion",
      "deprecated", "annotations", "kubeVersion", "dependencies", "type");
  private static final List<String> DEPENDENCY_FIELDS = List.of("name", "version", "repository",
      "condition", "tags", "enabled", "import-values", "alias");
  private static final List<String> MAINTAINER_FIELDS = List.of("name", "email", "url");

  private StoredChart() {}

  static ObjectNode of(List<ChartArchive.Entry> files, String origin) {
    ObjectNode chart = JSON.createObjectNode();
    ObjectNode metadata = null;
    JsonNode lock = null;
    ArrayNode templates = null;
    JsonNode values = null;
    String schema = null;
    ArrayNode otherFiles = null;
    for (ChartArchive.Entry file : files) {
      String name = file.path();
      switch (name) {
        case "Chart.yaml" -> metadata = metadata(readYaml(file, origin));
        case "Chart.lock", "requirements.lock" -> lock = readYaml(file, origin);
        case "values.yaml" -> values = readYaml(file, origin);
        case "values.schema.json" -> schema = Base64.getEncoder().encodeToString(file.data());
        default -> {
          if (name.startsWith("templates/")) {
            templates = add(templates, file);
          } else if (!name.startsWith("charts/") || name.endsWith(".prov")) {
            otherFiles = add(otherFiles, file);
          }
        }
      }
    }
    if (metadata == null) {
      throw new ChartRenderException(origin + ": Chart.yaml file is missing");
    }
    chart.set("metadata", metadata);
    chart.set("lock", lock == null || lock.isMissingNode() ? JSON.nullNode() : lock);
    chart.set("templates", templates == null ? JSON.nullNode() : templates);
    chart.set("values", values == null || !values.isObject() ? JSON.createObjectNode() : values);
    chart.set("schema", schema == null ? JSON.nullNode() : JSON.getNodeFactory().textNode(schema));
    chart.set("files", otherFiles == null ? JSON.nullNode() : otherFiles);
    return chart;
  }

  private static ArrayNode add(ArrayNode list, ChartArchive.Entry file) {
    ArrayNode out = list == null ? JSON.createArrayNode() : list;
    ObjectNode entry = out.addObject();
    entry.put("name", file.path());
    entry.put("data", Base64.getEncoder().encodeToString(file.data()));
    return out;
  }

  private static ObjectNode metadata(JsonNode chartYaml) {
    ObjectNode source = chartYaml.isObject() ? ((ObjectNode) chartYaml).deepCopy() : JSON.createObjectNode();
    if (source.path("apiVersion").asText("").isEmpty()) {
      source.put("apiVersion", "v1"); // Helm 2 charts carry none; Helm reads them as v1
    }
    ObjectNode metadata = ordered(source, METADATA_FIELDS);
    JsonNode maintainers = metadata.get("maintainers");
    if (maintainers != null && maintainers.isArray()) {
      ArrayNode list = JSON.createArrayNode();
      maintainers.forEach(m -> list.add(ordered(m, MAINTAINER_FIELDS)));
      metadata.set("maintainers", list);
    }
    JsonNode dependencies = metadata.get("dependencies");
    if (dependencies != null && dependencies.isArray()) {
      ArrayNode list = JSON.createArrayNode();
      dependencies.forEach(d -> {
        ObjectNode dependency = ordered(d, DEPENDENCY_FIELDS);
        if (!dependency.has("repository")) {
          dependency.put("repository", "");
        }
        list.add(dependency);
      });
      metadata.set("dependencies", list);
    }
    return metadata;
  }

  /** The known fields in Go's order; empty strings, lists, maps and false left out (omitempty). */
  private static ObjectNode ordered(JsonNode source, List<String> fields) {
    ObjectNode out = JSON.createObjectNode();
    for (String field : fields) {
      JsonNode value = source.get(field);
      if (value == null || value.isNull() || isEmpty(value)) {
        continue;
      }
      out.set(field, value.isNumber() ? JSON.getNodeFactory().textNode(value.asText()) : value);
    }
    return out;
  }

  private static boolean isEmpty(JsonNode value) {
    return (value.isTextual() && value.asText().isEmpty())
        || (value.isContainerNode() && value.isEmpty())
        || (value.isBoolean() && !value.asBoolean());
  }

  private static JsonNode readYaml(ChartArchive.Entry file, String origin) {
    try {
      JsonNode node = YAML.readTree(file.data());
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      throw new ChartRenderException(origin + ": cannot load " + file.path() + ": not YAML");
    }
  }
}
