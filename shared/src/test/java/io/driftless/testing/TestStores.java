package io.driftless.testing;

import io.driftless.local.LocalDynamoDb;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.record.dynamo.EmbeddedStore;
import java.nio.file.Path;

/** The engine's DynamoDB store over DynamoDB Local in this process, as the CLI opens it. */
public final class TestStores {
  /** What the CLI and the HTTP functions pass the engine for runs without a table. */
  public static final EmbeddedStore EMBEDDED = TestStores::inDirectory;

  private TestStores() {}

  /** A fresh store in memory, gone when closed. */
  public static DynamoStateStore inMemory() {
    LocalDynamoDb db = LocalDynamoDb.inMemory();
    return DynamoStores.embedded(db.client(), db);
  }

  /** The store kept in {@code dataDir}. */
  public static DynamoStateStore inDirectory(Path dataDir) {
    LocalDynamoDb db = LocalDynamoDb.inDirectory(dataDir);
    return DynamoStores.embedded(db.client(), db);
  }
}
