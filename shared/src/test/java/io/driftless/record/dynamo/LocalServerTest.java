package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.DriftlessConfig;
import io.driftless.local.LocalDynamoDbServer;
import io.driftless.record.ClusterRecord;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DynamoDB Local over HTTP: two processes (here two clients) configured by environment share one table. */
class LocalServerTest {

  @Test
  void storesPointedAtTheLocalServerShareTheirData() {
    try (LocalDynamoDbServer server = LocalDynamoDbServer.start();
        DynamoStateStore writer = DynamoStores.open(config(server), Map.of(), Optional.empty());
        DynamoStateStore reader = DynamoStores.open(config(server), Map.of(), Optional.empty())) {
      writer.putCluster(new ClusterRecord("prod", "/tmp/kubeconfig", "prod-admin", null));

      assertThat(reader.getCluster("prod")).contains(new ClusterRecord("prod", "/tmp/kubeconfig", "prod-admin", null));
      assertThat(reader.tableName()).isEqualTo("driftless-test");
    }
  }

  private static DriftlessConfig config(LocalDynamoDbServer server) {
    return DriftlessConfig.fromEnvironment(
        Map.of("DRIFTLESS_TABLE", "driftless-test", "DRIFTLESS_DYNAMODB_ENDPOINT", server.endpoint().toString()));
  }
}
