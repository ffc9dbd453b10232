package io.driftless.awslocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * An EventBridge event pattern, as a Pipe's filter criteria use it (EventBridge user guide, "Event
 * patterns" and "Content filtering in Amazon EventBridge event patterns",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html): every field of the
 * pattern must be in the event; a leaf is a list of which at least one must match, an exact string or
 * number, or {@code {"prefix": "..."}}. Only these forms are read; any other is refused at start, so
 * a template the stand-in cannot follow is said at once, not filtered wrong.
 */
final class EventPattern {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode pattern;

  private EventPattern(JsonNode pattern) {
    this.pattern = pattern;
    check(pattern, "");
  }

  static EventPattern parse(String pattern) {
    try {
      return new EventPattern(JSON.readTree(pattern));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("filter pattern is not JSON: " + e.getMessage(), e);
    }
  }

  boolean matches(JsonNode event) {
    return matches(pattern, event);
  }

  private static boolean matches(JsonNode pattern, JsonNode event) {
    if (pattern.isArray()) {
      for (JsonNode alternative : pattern) {
        if (leafMatches(alternative, event)) {
          return true;
        }
      }
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = event == null ? null : event.get(field.getKey());
      if (value == null || !matches(field.getValue(), value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean leafMatches(JsonNode alternative, JsonNode value) {
    if (alternative.isObject()) {
      return value.isTextual() && value.asText().startsWith(alternative.get("prefix").asText());
    }
    return alternative.equals(value);
  }

  private static void check(JsonNode node, String path) {
    if (node.isArray()) {
      for (JsonNode alternative : node) {
        boolean prefix = alternative.isObject() && alternative.size() == 1 && alternative.path("prefix").isTextual();
        if (!alternative.isValueNode() && !prefix) {
          throw new IllegalArgumentException("filter pattern at " + path + ": only exact values and prefix are supported");
        }
      }
      return;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("filter pattern at " + path + ": a field's value must be a list");
    }
    node.fields().forEachRemaining(f -> check(f.getValue(), path + "." + f.getKey()));
  }
}
