package io.driftless.functions;

import io.driftless.pipeline.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the one {@link Engine} every function adapts, from the process environment. Quarkus
 * configuration keys under {@code driftless.} fill in what the environment lacks
 * ({@code driftless.data-dir} → {@code DRIFTLESS_DATA_DIR}), which is how tests and
 * application.properties point the engine at a store.
 */
@ApplicationScoped
public class EngineProducer {
  private static final String PREFIX = "driftless.";

  @Produces
  @Singleton
  Engine engine() {
    return Engine.fromEnvironment(environment(System.getenv(), ConfigProvider.getConfig()));
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
