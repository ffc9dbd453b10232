package io.driftless.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running inside this process, for a machine with no AWS table: the CLI's and the
 * HTTP functions' store, and the tests'. The engine wraps {@link #client()} in its DynamoDB store,
 * the same code that talks to AWS. Closing shuts the database down.
 */
public final class LocalDynamoDb implements AutoCloseable {
  /** The database file inside a data directory. */
  public static final String FILE_NAME = "driftless.db";

  private final AmazonDynamoDBLocal database;
  private final DynamoDbClient client;

  private LocalDynamoDb(AmazonDynamoDBLocal database) {
    this.database = database;
    this.client = database.dynamoDbClient();
  }

  /**
   * Data kept in {@code dataDir} (created if missing), so a later run sees earlier data. Only one
   * open database per directory at a time.
   */
  public static LocalDynamoDb inDirectory(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    return start(dataDir.resolve(FILE_NAME).toFile());
  }

  /** Data in memory only, gone on close: for tests. */
  public static LocalDynamoDb inMemory() {
    return start(null);
  }

  private static LocalDynamoDb start(File dbFile) {
    // true: no telemetry. sqlite4java's natives come from inside the DynamoDBLocal jar.
    return new LocalDynamoDb(DynamoDBEmbedded.create(dbFile, true));
  }

  public DynamoDbClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    // shutdown() leaves a non-daemon job thread sleeping, which keeps the JVM alive
    database.shutdownNow();
  }
}
