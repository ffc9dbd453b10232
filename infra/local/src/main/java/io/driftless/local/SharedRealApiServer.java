package io.driftless.local;

import java.util.Optional;

/**
 * One real API server per JVM, started on first use and stopped when the JVM exits, so every test class
 * of a module shares one control plane (a start costs about 5 s). Tests isolate themselves by namespace.
 * {@link #get()} is empty, with {@link #unavailableReason()} saying why, on a machine that cannot start one.
 */
public final class SharedRealApiServer {
  private static RealApiServer server;
  private static String failure;

  private SharedRealApiServer() {}

  public static synchronized Optional<RealApiServer> get() {
    if (server == null && unavailableReason() == null) {
      server = RealApiServer.startFresh();
      RealApiServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "real-apiserver-stop"));
    }
    return Optional.ofNullable(server);
  }

  /**
   * Why no real API server can be started on this machine, or null when one can. Says so once per JVM,
   * loudly, on stderr: a skipped real-server suite must never pass unnoticed.
   */
  public static synchronized String unavailableReason() {
    if (failure == null) {
      failure = RealApiServer.availability().orElse("");
      if (!failure.isEmpty()) {
        System.err.println("*** REAL API SERVER TESTS SKIPPED: " + failure + " ***");
      }
    }
    return failure.isEmpty() ? null : failure;
  }
}
