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

  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("DRIFTLESS_DISPATCH", "local");
    return env;
  }
}
