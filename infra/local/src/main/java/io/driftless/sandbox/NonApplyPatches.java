package io.driftless.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;

/** The non-apply PATCH flavours: JSON patch, JSON merge patch and a simple strategic merge. */
final class NonApplyPatches {
  private NonApplyPatches() {}

  static ObjectNode apply(String contentType, ObjectNode live, JsonNode patch) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim();
    switch (type) {
      case "application/json-patch+json":
        try {
          return (ObjectNode) JsonPatch.apply(patch, live);
        } catch (RuntimeException e) {
          throw ApiError.invalid(null, live.path("metadata").path("name").asText(),
              "json patch failed: " + e.getMessage());
        }
      case "application/merge-patch+json":
      case "application/strategic-merge-patch+json": {
        ObjectNode out = live.deepCopy();
        mergePatch(out, patch, type.startsWith("application/strategic"));
        return out;
      }
      default:
        throw ApiError.unsupportedMediaType(type);
    }
  }

  /** RFC 7386 merge patch; the strategic flavour also merges lists keyed by name item by item. */
  private static void mergePatch(ObjectNode target, JsonNode patch, boolean strategic) {
    patch.fields().forEachRemaining(e -> {
      JsonNode value = e.getValue();
      JsonNode current = target.get(e.getKey());
      if (value.isNull()) {
        target.remove(e.getKey());
      } else if (value.isObject() && current instanceof ObjectNode c) {
        mergePatch(c, value, strategic);
      } else if (strategic && current != null && FieldSet.keyedByName(current) && FieldSet.keyedByName(value)) {
        ObjectNode holder = target.objectNode();
        holder.set("v", current);
        ServerSideApply.merge(holder, target.objectNode().set("v", value));
        target.set(e.getKey(), holder.get("v"));
      } else {
        target.set(e.getKey(), value.deepCopy());
      }
    });
  }
}
