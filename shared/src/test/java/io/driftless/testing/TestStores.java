package io.driftless.testing;

import io.driftless.local.LocalDynamoDb;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.record.dynamo.EmbeddedStore;
import io.driftless.event.Event;
import io.driftless.record.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

  /**
   * Every event a test's own store holds: those since a day ago, since no test runs for a day. (Not
   * {@code since(Instant.EPOCH)}: the fleet's event list is one query per day and shard, some 330,000
   * queries since 1970, about 45 s on DynamoDB Local.)
   */
  public static List<Event> allEvents(StateStore store) {
    return store.events().since(Instant.now().minus(Duration.ofDays(1)));
  }

  /** The store kept in {@code dataDir}. */
  public static DynamoStateStore inDirectory(Path dataDir) {
    LocalDynamoDb db = LocalDynamoDb.inDirectory(dataDir);
    return DynamoStores.embedded(db.client(), db);
  }
}
