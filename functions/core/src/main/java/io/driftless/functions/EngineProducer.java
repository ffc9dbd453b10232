package io.driftless.functions;

import io.driftless.pipeline.Engine;
import io.driftless.record.dynamo.EmbeddedStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the one {@link Engine} every function adapts, from the process environment, when the app
 * starts. Quarkus configuration keys under {@code driftless.} fill in what the environment lacks
 * ({@code driftless.data-dir} → {@code DRIFTLESS_DATA_DIR}), which is how tests and
 * application.properties point the engine at a store. Without {@code DRIFTLESS_TABLE} the store is
 * the app's {@link EmbeddedStore} bean: the HTTP app has one, the Lambda has none and so refuses to
 * start, naming the key.
 */
@ApplicationScoped
public class EngineProducer {
  private static final String PREFIX = "driftless.";

  @Inject Instance<EmbeddedStore> embedded;

  @Produces
  @Singleton
  Engine engine() {
    return open(environment(System.getenv(), ConfigProvider.getConfig()));
  }

  /** Opens the engine at start-up, so a configuration error stops the app before its first event. */
  void openAtStart(@Observes StartupEvent started, Engine engine) {
  }

  /** The engine {@code env} configures, over this app's embedded store when it has one and no table is named. */
  public Engine open(Map<String, String> env) {
    return Engine.fromEnvironment(env, embedded.isResolvable() ? Optional.of(embedded.get()) : Optional.empty());
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  void close(@Disposes Engine engine) {
    engine.close();
  }

  static Map<String, String> environment(Map<String, String> env, Config config) {
    Map<String, String> merged = new HashMap<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        config.getOptionalValue(name, String.class)
            .ifPresent(value -> merged.put(envName(name), value));
      }
    }
    merged.putAll(env);
    return merged;
  }

  /** {@code driftless.data-dir} → {@code DRIFTLESS_DATA_DIR}. */
  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
