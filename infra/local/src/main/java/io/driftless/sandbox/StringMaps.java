package io.driftless.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The check a v1.20 API server makes while building the typed patch of a server-side apply of a
 * ConfigMap or a Secret: every value of their string maps ({@code data}, {@code binaryData},
 * {@code stringData}) is a string or null. A real server refuses any other value with a 500 without a
 * reason, and so does the sandbox, with the same message up to the value: the real server prints it as
 * Go does ({@code &value.valueUnstructured{Value:[]interface {}{"x", "y"}}}), the sandbox as JSON.
 */
final class StringMaps {
  private static final Map<String, List<String>> FIELDS = Map.of(
      "ConfigMap", List.of("data", "binaryData"),
      "Secret", List.of("data", "stringData"));

  private StringMaps() {}

  static void check(ResourceType type, JsonNode applied) {
    if (!type.apiVersion().equals("v1")) {
      return;
    }
    for (String field : FIELDS.getOrDefault(type.kind(), List.of())) {
      applied.path(field).fields().forEachRemaining(e -> {
        if (!e.getValue().isTextual() && !e.getValue().isNull()) {
          throw ApiError.internal("failed to create typed patch object: ." + field + "." + e.getKey()
              + ": expected string, got &value.valueUnstructured{Value:" + e.getValue() + "}");
        }
      });
    }
  }
}
