package io.driftless.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB Local started the two ways Driftless uses it: in this process on disk, and over HTTP. */
class LocalDynamoDbTest {
  private static final Map<String, AttributeValue> ITEM = Map.of("id", AttributeValue.fromS("prod"));

  @TempDir Path dataDir;

  @Test
  void dataInADirectoryOutlivesTheDatabase() {
    String journal;
    try (LocalDynamoDb db = LocalDynamoDb.inDirectory(dataDir.resolve("data"))) {
      createTable(db.client());
      db.client().putItem(b -> b.tableName("fleet").item(ITEM));
      journal = db.journalMode();
    }

    try (LocalDynamoDb reopened = LocalDynamoDb.inDirectory(dataDir.resolve("data"))) {
      assertThat(reopened.client().getItem(b -> b.tableName("fleet").key(ITEM)).item()).isEqualTo(ITEM);
    }
    assertThat(dataDir.resolve("data").resolve(LocalDynamoDb.FILE_NAME)).isRegularFile();
    assertThat(journal).as("a write-ahead log while open, so writes are not flushed to the disk one by one").isEqualTo("wal");
    assertThat(dataDir.resolve("data").resolve(LocalDynamoDb.FILE_NAME + "-wal")).as("checkpointed at close").doesNotExist();
  }

  @Test
  void inMemoryDataIsGoneWithTheDatabase() {
    try (LocalDynamoDb db = LocalDynamoDb.inMemory()) {
      createTable(db.client());
    }

    try (LocalDynamoDb fresh = LocalDynamoDb.inMemory()) {
      assertThat(fresh.client().listTables().tableNames()).isEmpty();
    }
    assertThat(dataDir).isEmptyDirectory();
  }

  @Test
  void twoClientsOfTheServerShareOneTable() {
    try (LocalDynamoDbServer server = LocalDynamoDbServer.start();
        DynamoDbClient writer = httpClient(server);
        DynamoDbClient reader = httpClient(server)) {
      createTable(writer);
      writer.putItem(b -> b.tableName("fleet").item(ITEM));

      assertThat(reader.getItem(b -> b.tableName("fleet").key(ITEM)).item()).isEqualTo(ITEM);
      assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
    }
  }

  private static void createTable(DynamoDbClient client) {
    client.createTable(b -> b.tableName("fleet")
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  private static DynamoDbClient httpClient(LocalDynamoDbServer server) {
    return DynamoDbClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }
}
