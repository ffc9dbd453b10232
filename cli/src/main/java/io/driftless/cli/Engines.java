package io.driftless.cli;

import io.driftless.pipeline.Engine;
import java.util.HashMap;
import java.util.Map;

/** How CLI commands reach the store: the same configuration keys as the functions. */
final class Engines {
  private Engines() {}

  static Engine open() {
    return Engine.fromEnvironment(environment());
  }

  /** The environment, where a system property of the same name (e.g. -DDRIFTLESS_DATA_DIR) wins. */
  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("DRIFTLESS_"))
        .forEach(k -> env.put(k, System.getProperty(k)));
    env.putIfAbsent("DRIFTLESS_DISPATCH", "local");
    return env;
  }
}
