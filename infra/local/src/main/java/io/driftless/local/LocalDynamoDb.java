package io.driftless.local;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;
import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running inside this process, for a machine with no AWS table: the CLI's and the
 * HTTP functions' store, and the tests'. The engine wraps {@link #client()} in its DynamoDB store,
 * the same code that talks to AWS. Closing shuts the database down.
 */
public final class LocalDynamoDb implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalDynamoDb.class.getName());
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
   * open database per directory at a time. While open, the SQLite file keeps a write-ahead log with
   * {@code synchronous=NORMAL} ({@link #journalMode()}): a write is not flushed to the disk one by one
   * (a push that moves 1,000 Kustomizations on writes 1,000 statuses), so a power loss may lose the
   * last writes, never the file; a process that dies loses nothing. Closing puts the file back in
   * SQLite's default journal mode, so that it is closed as before (DynamoDB Local's connections have no
   * busy timeout: a write-ahead log checkpointed while the next open starts fails it).
   */
  public static LocalDynamoDb inDirectory(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    LocalDynamoDb db = start(dataDir.resolve(FILE_NAME).toFile());
    db.sqlite("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL");
    return db;
  }

  /** The SQLite journal mode of the database ({@code wal} while open in a data directory; {@code memory} in memory). */
  public String journalMode() {
    return sqlite("PRAGMA journal_mode").orElse("unknown");
  }

  /**
   * Runs {@code statements} on DynamoDB Local's SQLite connection, the first row's first column of
   * the last one as the result; empty when this DynamoDB Local keeps its connection elsewhere (then
   * SQLite's defaults stand: each write flushed to the disk, slower, as correct).
   */
  private Optional<String> sqlite(String... statements) {
    SQLiteQueue queue;
    try {
      Object handler = field(database, "val$handler");
      queue = (SQLiteQueue) field(field(field(handler, "impl"), "dbAccess"), "queue");
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.fine("SQLite connection of DynamoDB Local not reachable: " + e);
      return Optional.empty();
    }
    return Optional.ofNullable(queue.execute(new SQLiteJob<String>() {
      @Override
      protected String job(SQLiteConnection connection) throws SQLiteException {
        String first = null;
        for (String sql : statements) {
          SQLiteStatement st = connection.prepare(sql);
          try {
            first = st.step() ? st.columnString(0) : null;
          } finally {
            st.dispose();
          }
        }
        return first;
      }
    }).complete());
  }

  private static Object field(Object of, String name) throws ReflectiveOperationException {
    for (Class<?> c = of.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(of);
      } catch (NoSuchFieldException next) {
        // a field of a superclass
      }
    }
    throw new NoSuchFieldException(of.getClass().getName() + "." + name);
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
    if ("wal".equals(journalMode())) {
      sqlite("PRAGMA journal_mode=DELETE"); // checkpoints the log into the file and removes it
    }
    client.close();
    // shutdown() leaves a non-daemon job thread sleeping, which keeps the JVM alive
    database.shutdownNow();
  }
}
