package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.record.ClusterRecord;
import org.junit.jupiter.api.Test;

/** DynamoDB Local over HTTP: two processes (here two clients) configured by environment share one table. */
class LocalServerTest {

  @Test
  void storesPointedAtTheLocalServerShareTheirData() {
    try (DynamoStores.LocalServer server = DynamoStores.startLocalServer();
        DynamoStateStore writer = DynamoStores.fromEnvironment(server.environment("driftless-test"));
        DynamoStateStore reader = DynamoStores.fromEnvironment(server.environment("driftless-test"))) {
      writer.putCluster(new ClusterRecord("prod", "/tmp/kubeconfig", "prod-admin", null));

      assertThat(reader.getCluster("prod")).contains(new ClusterRecord("prod", "/tmp/kubeconfig", "prod-admin", null));
      assertThat(reader.tableName()).isEqualTo("driftless-test");
    }
  }
}
