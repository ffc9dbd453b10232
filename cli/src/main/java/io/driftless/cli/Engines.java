package io.driftless.cli;

import io.driftless.config.DriftlessConfig;
import io.driftless.local.LocalDynamoDb;
import io.driftless.pipeline.Engine;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.record.dynamo.DynamoStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How CLI commands reach the store: the same configuration keys as the functions; without a table,
 * the store is DynamoDB Local in this process with its data in a directory.
 */
final class Engines {
  private Engines() {}

  static Engine open() {
    return open(environment());
  }

  static Engine open(Map<String, String> env) {
    return Engine.open(DriftlessConfig.fromEnvironment(env), env, Optional.of(Engines::embedded));
  }

  /**
   * The environment, where a system property of the same name (e.g. -DDRIFTLESS_DATA_DIR,
   * -DAWS_REGION) wins. The CLI runs queued reconciles itself unless DRIFTLESS_DISPATCH says otherwise.
   */
  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("DRIFTLESS_") || k.startsWith("AWS_"))
        .forEach(k -> env.put(k, System.getProperty(k)));
    env.putIfAbsent(DriftlessConfig.Key.DISPATCH.env(), "local");
    return env;
  }

  private static DynamoStateStore embedded(Path dataDir) {
    LocalDynamoDb db = LocalDynamoDb.inDirectory(dataDir);
    return DynamoStores.embedded(db.client(), db);
  }
}
