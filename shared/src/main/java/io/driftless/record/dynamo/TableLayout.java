package io.driftless.record.dynamo;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The one table's key design (infra/dynamodb/README.md): partition key {@code pk} is the item type,
 * sort key {@code sk} the item's name within it, so every list is one Query on a type.
 */
final class TableLayout {
  static final String PK = "pk";
  static final String SK = "sk";
  /** Epoch seconds after which DynamoDB may delete the item. */
  static final String TTL = "ttl";

  static final String CLUSTER = "CLUSTER";
  static final String ROOT = "ROOT";
  static final String SOURCE = "SOURCE";
  static final String KUSTOMIZATION = "KS";
  /** Flux's Helm objects: sort key {@code <cluster>#<Kind>/<namespace>/<name>}. */
  static final String HELM = "HELM";
  /** Flux's Providers and Alerts: sort key {@code <cluster>#<Kind>/<namespace>/<name>}. */
  static final String NOTIFICATION = "NOTIFY";
  /** Flux Receivers: sort key the webhook digest, so a request finds its Receiver in one read. */
  static final String RECEIVER = "RECEIVER";
  static final String LOCK = "LOCK";
  static final String DELIVERY = "DELIVERY";
  /** Queued requests: partition key {@code REQUEST#<shard>} ({@link RequestShards}), sort key the request id. */
  static final String REQUEST = "REQUEST";

  /**
   * The index of a Kustomization's children: partition {@link #PARENT_REF} ({@code <cluster>#<parent key>}),
   * on every {@code KS} item with a parent, so a work item finds its children without listing the tree.
   */
  static final String CHILDREN_INDEX = "children";
  static final String PARENT_REF = "parentRef";
  /**
   * The index of the Kustomizations that {@code dependsOn} others: partition {@link #DEPENDS_ON_TREE}
   * ({@code <cluster>#<root>}), only on {@code KS} items with a dependsOn (a sparse index), carrying
   * {@link #DEPENDS_ON}, so a work item finds what follows it reading only the followers.
   */
  static final String DEPENDENTS_INDEX = "dependents";
  static final String DEPENDS_ON_TREE = "dependsOnTree";
  /** The keys a Kustomization {@code dependsOn} in its tree (a string set). */
  static final String DEPENDS_ON = "dependsOn";

  private TableLayout() {}

  /** The sort key of a per-cluster item: {@code <cluster>#<namespace>/<name>}. */
  static String clusterKey(String cluster, String key) {
    return cluster + "#" + key;
  }

  /** The same table as infra/dynamodb/table.json: keys, on-demand billing, NEW_IMAGE stream. */
  static CreateTableRequest createTableRequest(String table) {
    return createTableRequest(table, true);
  }

  private static CreateTableRequest createTableRequest(String table, boolean stream) {
    CreateTableRequest.Builder b = CreateTableRequest.builder()
        .tableName(table)
        .attributeDefinitions(stringAttribute(PK), stringAttribute(SK), stringAttribute(PARENT_REF),
            stringAttribute(DEPENDS_ON_TREE))
        .keySchema(keyElement(PK, KeyType.HASH), keyElement(SK, KeyType.RANGE))
        .globalSecondaryIndexes(indexes())
        .billingMode(BillingMode.PAY_PER_REQUEST);
    if (stream) {
      b.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE).build());
    }
    return b.build();
  }

  /** The table's global secondary indexes, as infra/dynamodb/table.json and template.yaml define them (TableIndexesTest). */
  static List<GlobalSecondaryIndex> indexes() {
    return List.of(index(CHILDREN_INDEX, PARENT_REF, "cluster", "key"),
        index(DEPENDENTS_INDEX, DEPENDS_ON_TREE, "cluster", "key", DEPENDS_ON));
  }

  private static GlobalSecondaryIndex index(String name, String partition, String... carried) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(keyElement(partition, KeyType.HASH), keyElement(SK, KeyType.RANGE))
        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(carried))
        .build();
  }

  /** Creates the table (with TTL on {@link #TTL}, and the stream when {@code stream}) unless it exists. */
  static void ensureTable(DynamoDbClient client, String table, boolean stream) {
    try {
      TableDescription found = client.describeTable(b -> b.tableName(table)).table();
      addMissingIndexes(client, found);
      return;
    } catch (ResourceNotFoundException missing) {
      // created below
    }
    try {
      client.createTable(createTableRequest(table, stream));
    } catch (ResourceInUseException createdMeanwhile) {
      // another process (the CLI beside the functions app) created it between describe and create
      client.waiter().waitUntilTableExists(b -> b.tableName(table));
      return;
    }
    client.waiter().waitUntilTableExists(b -> b.tableName(table));
    client.updateTimeToLive(
        b ->
            b.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)));
  }

  /**
   * A table made before the indexes (a data directory of an older version) gets them; its items carry
   * the index attributes from their next registration (infra/dynamodb/README.md, "Indexes").
   */
  private static void addMissingIndexes(DynamoDbClient client, TableDescription found) {
    Set<String> present = found.globalSecondaryIndexes().stream()
        .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet());
    for (GlobalSecondaryIndex index : indexes()) {
      if (present.contains(index.indexName())) {
        continue;
      }
      String partition = index.keySchema().get(0).attributeName();
      client.updateTable(b -> b.tableName(found.tableName())
          .attributeDefinitions(stringAttribute(partition), stringAttribute(SK))
          .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName()).keySchema(index.keySchema())
              .projection(index.projection()))));
    }
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement keyElement(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
