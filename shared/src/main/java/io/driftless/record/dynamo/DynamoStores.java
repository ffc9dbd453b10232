package io.driftless.record.dynamo;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where the state lives: AWS DynamoDB when {@code DRIFTLESS_TABLE} is set, otherwise DynamoDB Local
 * running in this process with its data in a directory.
 */
public final class DynamoStores {
  /** Names the AWS table; when unset, the store is embedded. */
  public static final String TABLE_ENV = "DRIFTLESS_TABLE";
  /** Directory of the embedded store's data; default {@link #DEFAULT_DATA_DIR}. */
  public static final String DATA_DIR_ENV = "DRIFTLESS_DATA_DIR";
  public static final String DEFAULT_DATA_DIR = ".driftless/data";
  /** The table name inside the embedded database. */
  public static final String EMBEDDED_TABLE = "driftless";
  /** The embedded database's file inside the data directory. */
  public static final String EMBEDDED_FILE = "driftless.db";
  /** A DynamoDB endpoint to use with {@code DRIFTLESS_TABLE}, e.g. DynamoDB Local over HTTP. */
  public static final String ENDPOINT_ENV = "DRIFTLESS_DYNAMODB_ENDPOINT";

  private DynamoStores() {}

  /**
   * DynamoDB Local in this process, data kept in {@code dataDir} (created if missing), so a later
   * run sees earlier data. Only one open store per directory at a time. Closing shuts it down.
   */
  public static DynamoStateStore embedded(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    return start(dataDir.resolve(EMBEDDED_FILE).toFile());
  }

  /** DynamoDB Local in this process, in memory: for tests. */
  public static DynamoStateStore inMemory() {
    return start(null);
  }

  /** The AWS table {@code tableName}, region and credentials from the default AWS chains. */
  public static DynamoStateStore aws(String tableName) {
    return aws(tableName, Optional.empty());
  }

  /**
   * {@link #aws} when {@code DRIFTLESS_TABLE} is set (region from {@code AWS_REGION} or
   * {@code AWS_DEFAULT_REGION} in {@code env}, else the default chain), otherwise {@link #embedded}
   * in {@code DRIFTLESS_DATA_DIR} or {@code .driftless/data} under the working directory.
   */
  public static DynamoStateStore fromEnvironment(Map<String, String> env) {
    String table = env.get(TABLE_ENV);
    String endpoint = env.get(ENDPOINT_ENV);
    if (table != null && !table.isBlank() && endpoint != null && !endpoint.isBlank()) {
      return endpoint(table.strip(), URI.create(endpoint.strip()));
    }
    if (table != null && !table.isBlank()) {
      Optional<String> region =
          Optional.ofNullable(env.get("AWS_REGION"))
              .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")))
              .filter(r -> !r.isBlank());
      return aws(table.strip(), region);
    }
    String dataDir = env.getOrDefault(DATA_DIR_ENV, "");
    return embedded(Path.of(dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir).toAbsolutePath());
  }

  /**
   * A table at a given endpoint (DynamoDB Local over HTTP), created when missing. Local endpoints
   * take any credentials; a fixed dummy pair is used so no real AWS credential is ever sent there.
   */
  public static DynamoStateStore endpoint(String tableName, URI endpoint) {
    DynamoDbClient client = DynamoDbClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
    DynamoStateStore store = new DynamoStateStore(client, tableName, Clock.systemUTC());
    store.ensureTable();
    return store;
  }

  /**
   * Starts DynamoDB Local as an HTTP server in this process (in memory, on a free port), so several
   * processes can share one store: the demo runs the functions in a child process against it.
   */
  public static LocalServer startLocalServer() {
    try (ServerSocket probe = new ServerSocket(0)) {
      int port = probe.getLocalPort();
      probe.close();
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
          new String[] {"-inMemory", "-port", String.valueOf(port), "-disableTelemetry"});
      server.start();
      return new LocalServer(server, URI.create("http://127.0.0.1:" + port));
    } catch (Exception e) {
      throw new IllegalStateException("cannot start DynamoDB Local: " + e.getMessage(), e);
    }
  }

  /** DynamoDB Local served over HTTP; {@link #environment} gives the keys that point a store at it. */
  public static final class LocalServer implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalServer(DynamoDBProxyServer server, URI endpoint) {
      this.server = server;
      this.endpoint = endpoint;
    }

    public URI endpoint() {
      return endpoint;
    }

    public Map<String, String> environment(String table) {
      return Map.of(TABLE_ENV, table, ENDPOINT_ENV, endpoint.toString());
    }

    @Override
    public void close() {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop DynamoDB Local", e);
      }
    }
  }

  private static DynamoStateStore aws(String tableName, Optional<String> region) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    region.map(Region::of).ifPresent(builder::region);
    return new DynamoStateStore(builder.build(), tableName, Clock.systemUTC());
  }

  private static DynamoStateStore start(File dbFile) {
    // true: no telemetry. sqlite4java's natives come from inside the DynamoDBLocal jar.
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create(dbFile, true);
    DynamoDbClient client = local.dynamoDbClient();
    DynamoStateStore store =
        new DynamoStateStore(
            client,
            EMBEDDED_TABLE,
            Clock.systemUTC(),
            () -> {
              client.close();
              // shutdown() leaves a non-daemon job thread sleeping, which keeps the JVM alive
              local.shutdownNow();
            });
    try {
      store.ensureTable();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }
}
