package io.driftless.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** Field selectors on metadata.name and metadata.namespace, and label extraction for selectors. */
final class Selectors {
  private Selectors() {}

  static Map<String, String> labels(JsonNode o) {
    Map<String, String> out = new HashMap<>();
    o.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  static Map<String, String> fieldSelector(String selector) {
    Map<String, String> out = new HashMap<>();
    if (selector != null && !selector.isBlank()) {
      for (String term : selector.split(",")) {
        String[] kv = term.split("==?", 2);
        if (kv.length != 2) {
          throw ApiError.badRequest("invalid field selector: " + term);
        }
        out.put(kv[0].trim(), kv[1].trim());
      }
    }
    return out;
  }

  static boolean matchesFields(JsonNode o, Map<String, String> fields) {
    for (Map.Entry<String, String> f : fields.entrySet()) {
      JsonNode n = o;
      for (String part : f.getKey().split("\\.")) {
        n = n.path(part);
      }
      if (!n.asText("").equals(f.getValue())) {
        return false;
      }
    }
    return true;
  }
}
