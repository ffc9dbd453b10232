package io.driftless.record.dynamo;

import io.driftless.local.LocalDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory DynamoDB Local for the whole test run (started once, about 2 s), a fresh table for
 * every test, so tests never see each other's items.
 */
abstract class StoreTestBase {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static DynamoDbClient client;

  String table;
  DynamoStateStore store;

  @BeforeEach
  void freshTable() {
    table = "driftless-" + TABLES.incrementAndGet();
    store = storeAt(NOW);
    store.ensureTable();
  }

  /** Another store on this test's table whose clock reads {@code now}. */
  DynamoStateStore storeAt(Instant now) {
    return new DynamoStateStore(sharedClient(), table, Clock.fixed(now, ZoneOffset.UTC), () -> {});
  }

  static synchronized DynamoDbClient sharedClient() {
    if (client == null) {
      LocalDynamoDb local = LocalDynamoDb.inMemory();
      client = local.client();
      Runtime.getRuntime().addShutdownHook(new Thread(local::close));
    }
    return client;
  }
}
