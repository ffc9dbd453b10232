package io.driftless.record.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
        .attributeDefinitions(stringAttribute(PK), stringAttribute(SK))
        .keySchema(keyElement(PK, KeyType.HASH), keyElement(SK, KeyType.RANGE))
        .billingMode(BillingMode.PAY_PER_REQUEST);
    if (stream) {
      b.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE).build());
    }
    return b.build();
  }

  /** Creates the table (with TTL on {@link #TTL}, and the stream when {@code stream}) unless it exists. */
  static void ensureTable(DynamoDbClient client, String table, boolean stream) {
    try {
      client.describeTable(b -> b.tableName(table));
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
