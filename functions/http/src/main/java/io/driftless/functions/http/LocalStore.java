package io.driftless.functions.http;

import io.driftless.local.LocalDynamoDb;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.record.dynamo.EmbeddedStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The HTTP app runs on one machine too ({@code driftless serve}): without {@code DRIFTLESS_TABLE} its
 * store is DynamoDB Local in this process, data in {@code DRIFTLESS_DATA_DIR}. The Lambda app has no
 * such bean.
 */
@ApplicationScoped
public class LocalStore {
  @Produces
  EmbeddedStore embedded() {
    return dataDir -> {
      LocalDynamoDb db = LocalDynamoDb.inDirectory(dataDir);
      return DynamoStores.embedded(db.client(), db);
    };
  }
}
