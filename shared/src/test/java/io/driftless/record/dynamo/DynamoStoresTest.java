package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.config.ConfigException;
import io.driftless.config.DriftlessConfig;
import io.driftless.local.LocalDynamoDb;
import io.driftless.model.Yaml;
import io.driftless.record.ClusterRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** Choosing the store: AWS when a table is named, else the caller's embedded store with data on disk, else an error. */
class DynamoStoresTest {
  static final ClusterRecord DEV =
      new ClusterRecord("dev", "/home/me/.kube/config", "kind-dev", null);

  @TempDir Path dataDir;

  @Test
  void embeddedStoreKeepsDataAcrossCloseAndReopen() {
    long started = System.nanoTime();
    try (DynamoStateStore store = TestStores.inDirectory(dataDir)) {
      System.out.printf("embedded store started in %d ms%n", millisSince(started));
      store.putCluster(DEV);
      store.putKustomization("dev", "flux-system/apps", "fleet", "", "v: 1\n");
      store.enqueue(
          new ReconcileRequest("r1", ReconcileRequest.KIND_ROOT, "fleet", "", "bootstrap", "t"));
    }

    started = System.nanoTime();
    try (DynamoStateStore reopened = TestStores.inDirectory(dataDir)) {
      System.out.printf("embedded store reopened in %d ms%n", millisSince(started));
      assertThat(reopened.getCluster("dev")).contains(DEV);
      assertThat(reopened.getKustomization("dev", "flux-system/apps")).isPresent();
      assertThat(reopened.pendingRequests()).extracting(ReconcileRequest::id).containsExactly("r1");
    }
    assertThat(dataDir.resolve(LocalDynamoDb.FILE_NAME)).isRegularFile();
  }

  @Test
  void withoutATableTheStoreIsEmbeddedInTheDataDir() {
    Path dir = dataDir.resolve("state");
    Map<String, String> env = Map.of("DRIFTLESS_DATA_DIR", dir.toString());
    try (DynamoStateStore store = DynamoStores.open(DriftlessConfig.fromEnvironment(env), env, Optional.of(TestStores.EMBEDDED))) {
      store.putCluster(DEV);
      assertThat(store.tableName()).isEqualTo(DynamoStores.EMBEDDED_TABLE);
    }

    assertThat(dir.resolve(LocalDynamoDb.FILE_NAME)).isRegularFile();
  }

  @Test
  void withATableTheStoreIsAws() {
    Map<String, String> env =
        Map.of("DRIFTLESS_TABLE", "driftless-prod", "AWS_REGION", "eu-west-1");
    try (DynamoStateStore store = DynamoStores.open(DriftlessConfig.fromEnvironment(env), env, Optional.of(TestStores.EMBEDDED))) {
      assertThat(store.tableName()).isEqualTo("driftless-prod");
    }
    assertThat(dataDir).isEmptyDirectory();
  }

  @Test
  void withoutATableOrAnEmbeddedStoreTheConfigurationIsRefusedNamingTheKey() {
    Map<String, String> env = Map.of("DRIFTLESS_DATA_DIR", dataDir.toString());

    assertThatThrownBy(() -> DynamoStores.open(DriftlessConfig.fromEnvironment(env), env, Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DRIFTLESS_TABLE is not set");
    assertThat(dataDir).isEmptyDirectory();
  }

  @Test
  void embeddedTableMatchesTheCloudFormationDefinition() throws Exception {
    JsonNode table =
        Yaml.json()
            .readTree(Files.readString(Path.of("../infra/dynamodb/table.json")))
            .at("/Resources/DriftlessTable/Properties");
    CreateTableRequest created = TableLayout.createTableRequest("driftless");

    assertThat(table.at("/BillingMode").asText()).isEqualTo(created.billingModeAsString());
    assertThat(table.at("/StreamSpecification/StreamViewType").asText())
        .isEqualTo(created.streamSpecification().streamViewTypeAsString());
    assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText())
        .isEqualTo(TableLayout.TTL);
    for (int i = 0; i < 2; i++) {
      assertThat(table.at("/KeySchema/" + i + "/AttributeName").asText())
          .isEqualTo(created.keySchema().get(i).attributeName());
      assertThat(table.at("/KeySchema/" + i + "/KeyType").asText())
          .isEqualTo(created.keySchema().get(i).keyTypeAsString());
      assertThat(table.at("/AttributeDefinitions/" + i + "/AttributeType").asText())
          .isEqualTo(created.attributeDefinitions().get(i).attributeTypeAsString());
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
