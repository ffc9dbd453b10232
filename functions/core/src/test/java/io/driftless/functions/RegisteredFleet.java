package io.driftless.functions;

import io.driftless.local.LocalDynamoDbServer;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh DynamoDB table (DynamoDB Local over HTTP, as a Lambda reaches DynamoDB) with one registered
 * root, {@code fleet}, for the repository events/github-push.json pushes to, its webhook secret in a
 * file. The app's engine opens the same table ({@code driftless.table}, {@code driftless.dynamodb-endpoint}).
 */
public class RegisteredFleet implements QuarkusTestResourceLifecycleManager {
  public static final String TABLE = "driftless-functions-test";
  private Path dir;
  private LocalDynamoDbServer dynamo;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("driftless-functions-test");
      Path secret = Files.writeString(dir.resolve("webhook-secret"), SampleEvents.TEST_SECRET, StandardCharsets.UTF_8);
      dynamo = LocalDynamoDbServer.start();
      try (StateStore store = DynamoStores.endpoint(TABLE, dynamo.endpoint())) {
        store.putRoot(new RootRecord(
            "fleet", SampleEvents.FLEET_URL, "main", "clusters/prod", "prod", secret.toString(), null));
      }
      return appConfig(TABLE, dynamo, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The settings that point the app at {@code table} on {@code dynamo}, its Git cache under {@code dir}. */
  public static Map<String, String> appConfig(String table, LocalDynamoDbServer dynamo, Path dir) {
    return Map.of("driftless.table", table, "driftless.dynamodb-endpoint", dynamo.endpoint().toString(),
        "driftless.cache-dir", dir.resolve("cache").toString());
  }

  @Override
  public void stop() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
