package io.driftless.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    if (server == null && failure == null) {
      Optional<String> unavailable = RealApiServer.availability();
      if (unavailable.isPresent()) {
        failure = unavailable.get();
        System.err.println("*** REAL API SERVER SKIPPED: " + failure + " ***");
      } else {
        try {
          Path workdir = Files.createTempDirectory("driftless-real-apiserver-");
          server = RealApiServer.start(workdir);
          RealApiServer started = server;
          Runtime.getRuntime().addShutdownHook(new Thread(started::close, "real-apiserver-stop"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return Optional.ofNullable(server);
  }

  public static synchronized String unavailableReason() {
    get();
    return failure;
  }
}
