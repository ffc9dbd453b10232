package io.driftless.record.dynamo;

import static io.driftless.record.dynamo.RecordItems.key;
import static io.driftless.record.dynamo.RecordItems.n;
import static io.driftless.record.dynamo.RecordItems.s;
import static io.driftless.record.dynamo.TableLayout.clusterKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes a work item's manifest fields with one UpdateItem, leaving {@code status} alone and
 * starting {@code version} at 0 for a new item. A null field is removed.
 */
final class ManifestUpdate {
  private final String type;
  private final String cluster;
  private final String key;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private Set<String> dependsOn = Set.of();

  ManifestUpdate(String type, String cluster, String key, String root, String parent, String manifest) {
    this.type = type;
    this.cluster = cluster;
    this.key = key;
    fields.put("cluster", cluster);
    fields.put("key", key);
    fields.put("root", root);
    fields.put("parent", parent);
    fields.put("manifest", manifest);
  }

  /**
   * A Kustomization's index attributes (infra/dynamodb/README.md, "Indexes"): its parent for the
   * children index, and the keys it {@code dependsOn} in its tree for the dependents index.
   */
  ManifestUpdate indexed(String root, String parent, Set<String> dependsOn) {
    fields.put(TableLayout.PARENT_REF, parent == null || parent.isEmpty() ? null : clusterKey(cluster, parent));
    fields.put(TableLayout.DEPENDS_ON_TREE, dependsOn.isEmpty() ? null : clusterKey(cluster, root));
    this.dependsOn = dependsOn;
    return this;
  }

  void send(DynamoDbClient client, String table) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String name = "#f" + i;
      names.put(name, field.getKey());
      if (field.getValue() == null) {
        removes.add(name);
      } else {
        values.put(":f" + i, s(field.getValue()));
        sets.add(name + " = :f" + i);
      }
      i++;
    }
    if (fields.containsKey(TableLayout.PARENT_REF)) {
      names.put("#deps", TableLayout.DEPENDS_ON);
      if (dependsOn.isEmpty()) {
        removes.add("#deps");
      } else {
        values.put(":deps", AttributeValue.fromSs(List.copyOf(dependsOn)));
        sets.add("#deps = :deps");
      }
    }
    names.put("#version", "version");
    values.put(":zero", n(0));
    sets.add("#version = if_not_exists(#version, :zero)");
    String remove = removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes);
    String expression = "SET " + String.join(", ", sets) + remove;
    client.updateItem(
        b ->
            b.tableName(table)
                .key(key(type, clusterKey(cluster, key)))
                .updateExpression(expression)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
  }
}
