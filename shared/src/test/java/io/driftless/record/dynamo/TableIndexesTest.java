package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The table has the same keys and indexes wherever it is made: the SAM template's (what AWS runs),
 * infra/dynamodb/table.json, and the one the store creates in DynamoDB Local
 * ({@link TableLayout#createTableRequest}). A work item queries the indexes; an index missing from one
 * of them would fail there only.
 */
class TableIndexesTest {
  private static final Path TEMPLATE = Path.of("../template.yaml");
  private static final Path TABLE_JSON = Path.of("../infra/dynamodb/table.json");

  @Test
  void templateTableJsonAndTheLocalTableAgree() throws IOException {
    Map<String, String> local = describe(TableLayout.createTableRequest("driftless").attributeDefinitions(),
        TableLayout.createTableRequest("driftless").keySchema(), TableLayout.indexes());
    JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile())
        .path("Resources").path("Table").path("Properties");
    JsonNode tableJson = new ObjectMapper().readTree(TABLE_JSON.toFile())
        .path("Resources").path("DriftlessTable").path("Properties");
    assertThat(describe(template)).as(TEMPLATE + ": Resources.Table").isEqualTo(local);
    assertThat(describe(tableJson)).as(TABLE_JSON + ": Resources.DriftlessTable").isEqualTo(local);
    assertThat(local).containsKeys("index children", "index dependents");
  }

  /** Each attribute's type, the table's key, and each index's key and projection, as lines. */
  private static Map<String, String> describe(List<AttributeDefinition> attributes, List<KeySchemaElement> key,
      List<GlobalSecondaryIndex> indexes) {
    Map<String, String> out = new TreeMap<>();
    attributes.forEach(a -> out.put("attribute " + a.attributeName(), a.attributeTypeAsString()));
    out.put("key", keys(key.stream().map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList()));
    for (GlobalSecondaryIndex i : indexes) {
      out.put("index " + i.indexName(), keys(i.keySchema().stream().map(k -> k.attributeName() + " " + k.keyTypeAsString())
          .toList()) + "; " + i.projection().projectionTypeAsString() + " " + i.projection().nonKeyAttributes());
    }
    return out;
  }

  private static Map<String, String> describe(JsonNode properties) {
    Map<String, String> out = new TreeMap<>();
    properties.path("AttributeDefinitions").forEach(a -> out.put("attribute " + a.path("AttributeName").asText(),
        a.path("AttributeType").asText()));
    out.put("key", keys(properties.path("KeySchema")));
    for (JsonNode i : properties.path("GlobalSecondaryIndexes")) {
      List<String> carried = new ArrayList<>();
      i.path("Projection").path("NonKeyAttributes").forEach(a -> carried.add(a.asText()));
      out.put("index " + i.path("IndexName").asText(), keys(i.path("KeySchema")) + "; "
          + i.path("Projection").path("ProjectionType").asText() + " " + carried);
    }
    return out;
  }

  private static String keys(JsonNode schema) {
    List<String> keys = new ArrayList<>();
    schema.forEach(k -> keys.add(k.path("AttributeName").asText() + " " + k.path("KeyType").asText()));
    return keys(keys);
  }

  private static String keys(List<String> keys) {
    return String.join(", ", keys);
  }
}
