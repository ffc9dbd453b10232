package io.driftless.record.dynamo;

import io.driftless.config.ConfigException;
import java.net.URI;
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
 * Where the state lives: the DynamoDB table {@code DRIFTLESS_TABLE} (on AWS, or at
 * {@code DRIFTLESS_DYNAMODB_ENDPOINT}), otherwise an {@link EmbeddedStore} in a directory when the
 * caller has one (the CLI and the HTTP functions, over DynamoDB Local), otherwise a configuration error.
 */
public final class DynamoStores {
  /** Names the AWS table; when unset, the store is embedded. */
  public static final String TABLE_ENV = "DRIFTLESS_TABLE";
  /** Directory of the embedded store's data; default {@link #DEFAULT_DATA_DIR}. */
  public static final String DATA_DIR_ENV = "DRIFTLESS_DATA_DIR";
  public static final String DEFAULT_DATA_DIR = ".driftless/data";
  /** The table name inside the embedded database. */
  public static final String EMBEDDED_TABLE = "driftless";
  /** A DynamoDB endpoint to use with {@code DRIFTLESS_TABLE}, e.g. DynamoDB Local over HTTP. */
  public static final String ENDPOINT_ENV = "DRIFTLESS_DYNAMODB_ENDPOINT";

  private DynamoStores() {}

  /**
   * The store over a DynamoDB client the caller made for a database on this machine (DynamoDB
   * Local), on table {@link #EMBEDDED_TABLE}, created when missing; closing the store closes
   * {@code database}, which owns the client.
   */
  public static DynamoStateStore embedded(DynamoDbClient client, AutoCloseable database) {
    DynamoStateStore store = new DynamoStateStore(client, EMBEDDED_TABLE, Clock.systemUTC(), () -> {
      try {
        database.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the embedded store: " + e.getMessage(), e);
      }
    });
    try {
      store.ensureTable();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** The AWS table {@code tableName}, region and credentials from the default AWS chains. */
  public static DynamoStateStore aws(String tableName) {
    return aws(tableName, Optional.empty());
  }

  /**
   * {@link #aws} when {@code DRIFTLESS_TABLE} is set (region from {@code AWS_REGION} or
   * {@code AWS_DEFAULT_REGION} in {@code env}, else the default chain), otherwise {@code embedded}
   * in {@code DRIFTLESS_DATA_DIR} or {@code .driftless/data} under the working directory; with
   * neither, a {@link ConfigException} naming {@code DRIFTLESS_TABLE}.
   */
  public static DynamoStateStore fromEnvironment(Map<String, String> env, Optional<EmbeddedStore> embedded) {
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
    if (embedded.isEmpty()) {
      throw new ConfigException(TABLE_ENV + " is not set: name the DynamoDB table that keeps Driftless's state"
          + " (this build has no embedded store)");
    }
    String dataDir = env.getOrDefault(DATA_DIR_ENV, "");
    return embedded.get().open(Path.of(dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir).toAbsolutePath());
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

  private static DynamoStateStore aws(String tableName, Optional<String> region) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    region.map(Region::of).ifPresent(builder::region);
    return new DynamoStateStore(builder.build(), tableName, Clock.systemUTC());
  }
}
