package io.driftless.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The meta.k8s.io/v1 Table kubectl asks for when printing: NAME and AGE columns. */
final class Tables {
  private Tables() {}

  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static ObjectNode of(List<? extends JsonNode> objects, String resourceVersion) {
    ObjectNode table = JsonNodeFactory.instance.objectNode()
        .put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode columns = table.putArray("columnDefinitions");
    column(columns, "Name", "name", "Name must be unique within a namespace.");
    column(columns, "Age", "", "CreationTimestamp of the object.");
    ArrayNode rows = table.putArray("rows");
    Instant now = Instant.now();
    for (JsonNode o : objects) {
      ObjectNode row = rows.addObject();
      row.putArray("cells").add(o.path("metadata").path("name").asText())
          .add(age(o.path("metadata").path("creationTimestamp").asText(), now));
      row.set("object", o);
    }
    return table;
  }

  private static void column(ArrayNode columns, String name, String format, String description) {
    columns.addObject().put("name", name).put("type", "string").put("format", format)
        .put("description", description).put("priority", 0);
  }

  private static String age(String timestamp, Instant now) {
    try {
      Duration d = Duration.between(Instant.parse(timestamp), now);
      if (d.toDays() > 0) {
        return d.toDays() + "d";
      }
      if (d.toHours() > 0) {
        return d.toHours() + "h";
      }
      return d.toMinutes() > 0 ? d.toMinutes() + "m" : Math.max(0, d.toSeconds()) + "s";
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }
}
