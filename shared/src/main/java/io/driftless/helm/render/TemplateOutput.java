package io.driftless.helm.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import io.driftless.render.kustomize.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Helm's template output cut back into documents ({@code ---\n# Source: <path>\n<doc>}), then sorted
 * as Helm's {@code releaseutil.SortManifests} does: a document with a {@code helm.sh/hook} annotation
 * is a hook (dropped if any of its events is unknown to Helm), any other is part of the manifest.
 */
final class TemplateOutput {
  private static final ObjectMapper JSON = Yaml.json();
  private static final String SOURCE = "---\n# Source: ";

  record Document(String path, String content, JsonNode head) {
    String kind() {
      return head.path("kind").asText("");
    }

    String name() {
      return head.path("metadata").path("name").asText("");
    }

    String annotation(String key) {
      JsonNode value = head.path("metadata").path("annotations").get(key);
      return value == null || value.isNull() ? null : value.asText();
    }
  }

  private TemplateOutput() {}

  static List<Document> documents(String output, String origin) {
    List<Document> documents = new ArrayList<>();
    int at = output.indexOf(SOURCE);
    while (at >= 0) {
      int next = output.indexOf("\n" + SOURCE, at);
      String chunk = next < 0 ? output.substring(at) : output.substring(at, next);
      int pathEnd = chunk.indexOf('\n', SOURCE.length());
      String path = pathEnd < 0 ? chunk.substring(SOURCE.length()) : chunk.substring(SOURCE.length(), pathEnd);
      String content = pathEnd < 0 ? "" : chunk.substring(pathEnd + 1).strip();
      documents.add(new Document(path, content, head(content, path, origin)));
      at = next < 0 ? -1 : next + 1;
    }
    return documents;
  }

  /** The document as Helm's kube client reads it ({@link YamlReader#readHelmDocuments}); comment-only: empty. */
  private static JsonNode head(String content, String path, String origin) {
    try {
      List<Map<String, Object>> docs = YamlReader.readHelmDocuments(path, content);
      return JSON.valueToTree(docs.isEmpty() ? Map.of() : docs.get(0));
    } catch (ManifestException e) {
      throw new ChartRenderException(origin + ": YAML parse error on " + e.getMessage());
    }
  }

  /** Helm's release manifest text for these documents. */
  static String manifest(List<Document> documents) {
    StringBuilder out = new StringBuilder();
    for (Document document : documents) {
      out.append(SOURCE).append(document.path()).append('\n').append(document.content()).append('\n');
    }
    return out.toString();
  }

  /** The hook this document is, or null when it is not a hook or names an event Helm does not know. */
  static RenderedHook hook(Document document) {
    String events = document.annotation(HookAnnotations.HOOK);
    List<String> known = new ArrayList<>();
    for (String event : events.split(",")) {
      String name = HookAnnotations.EVENTS.get(event.trim().toLowerCase(java.util.Locale.ROOT));
      if (name == null) {
        return null;
      }
      known.add(name);
    }
    return new RenderedHook(document.kind(), document.name(), document.path(), document.content(), known,
        weight(document.annotation(HookAnnotations.HOOK + "-weight")),
        policies(document.annotation(HookAnnotations.HOOK + "-delete-policy")),
        policies(document.annotation(HookAnnotations.HOOK + "-output-log-policy")));
  }

  private static int weight(String text) {
    if (text == null) {
      return 0;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException notANumber) {
      return 0; // Helm's strconv.Atoi failure gives weight 0
    }
  }

  private static List<String> policies(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String policy : text.split(",")) {
        out.add(policy.trim().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }
}
