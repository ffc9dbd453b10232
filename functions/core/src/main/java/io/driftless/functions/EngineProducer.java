package io.driftless.functions;

import io.driftless.config.DriftlessConfig;
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
import java.util.Optional;

/**
 * Makes the one {@link Engine} every function adapts, from {@link DriftlessSettings}, when the app
 * starts. Without {@code DRIFTLESS_TABLE} the store is the app's {@link EmbeddedStore} bean: the HTTP
 * app has one, the Lambda has none and so refuses to start, naming the key.
 */
@ApplicationScoped
public class EngineProducer {
  @Inject DriftlessSettings settings;
  @Inject Instance<EmbeddedStore> embedded;

  @Produces
  @Singleton
  Engine engine() {
    return open(settings.config());
  }

  /**
   * Opens the engine at start-up, so a configuration error stops the app before its first event, and
   * with the local dispatcher ({@code serve}, the HTTP app) starts draining queued requests: at once,
   * then every {@code DRIFTLESS_DRAIN_INTERVAL}, so what a killed process left is resumed with no new
   * trigger.
   */
  void openAtStart(@Observes StartupEvent started, Engine engine) {
    engine.watchQueue();
  }

  /** The engine {@code config} describes, over this app's embedded store when it has one and no table is named. */
  public Engine open(DriftlessConfig config) {
    return Engine.open(config, System.getenv(), embedded.isResolvable() ? Optional.of(embedded.get()) : Optional.empty());
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  void close(@Disposes Engine engine) {
    engine.close();
  }
}
