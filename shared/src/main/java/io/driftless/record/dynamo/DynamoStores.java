package io.driftless.record.dynamo;

import io.driftless.config.ConfigException;
import io.driftless.config.DriftlessConfig;
import java.net.URI;
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
  /** The table name inside the embedded database. */
  public static final String EMBEDDED_TABLE = "driftless";

  private DynamoStores() {}

  /**
   * The store over a DynamoDB client the caller made for a database on this machine (DynamoDB
   * Local), on table {@link #EMBEDDED_TABLE}, created when missing; closing the store closes
   * {@code database}, which owns the client. Its table is the AWS one without the stream: nothing reads
   * a stream on this machine (the local dispatcher runs requests itself), and DynamoDB Local would
   * spend about a third of its SQLite work keeping one.
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
      store.ensureTable(false);
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
   * The store {@code config} names: its table, at its DynamoDB endpoint when one is set, else on AWS
   * (region from {@code AWS_REGION} or {@code AWS_DEFAULT_REGION} in {@code env}, else the SDK's
   * chain); without a table, {@code embedded} in the data directory; with neither, a
   * {@link ConfigException} naming {@code DRIFTLESS_TABLE}.
   */
  public static DynamoStateStore open(DriftlessConfig config, Map<String, String> env, Optional<EmbeddedStore> embedded) {
    if (config.table().isPresent() && config.dynamoDbEndpoint().isPresent()) {
      return endpoint(config.table().get(), config.dynamoDbEndpoint().get());
    }
    if (config.table().isPresent()) {
      Optional<String> region =
          Optional.ofNullable(env.get("AWS_REGION"))
              .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")))
              .filter(r -> !r.isBlank());
      return aws(config.table().get(), region);
    }
    if (embedded.isEmpty()) {
      throw new ConfigException(DriftlessConfig.Key.TABLE.env() + " is not set: name the DynamoDB table that keeps"
          + " Driftless's state (this build has no embedded store)");
    }
    return embedded.get().open(config.dataDir().toAbsolutePath());
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
