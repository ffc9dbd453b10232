package io.driftless.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fresh real API servers for tests that each need a control plane of their own, started ahead of need:
 * while one test runs, the next {@link #AHEAD_PROPERTY} servers (2 by default) start in the background,
 * and a finished test's server stops in the background. A start costs 5-9 s here, two thirds of it
 * waiting, so tests no longer wait for it; each server still serves exactly one test, as
 * {@link RealApiServer#startFresh()} gives it. Servers not taken by the time the JVM exits are stopped then.
 */
public final class FreshRealApiServers {
  /** How many servers start ahead of need; 0 starts each one when a test asks for it. */
  public static final String AHEAD_PROPERTY = "driftless.test.realServersAhead";

  private static final int AHEAD = Math.max(0, Integer.getInteger(AHEAD_PROPERTY, 2));
  private static final int START_ATTEMPTS = 3;
  private static final ExecutorService STARTS = Executors.newCachedThreadPool(daemon("real-apiserver-start"));
  private static final ExecutorService STOPS = Executors.newCachedThreadPool(daemon("real-apiserver-stop"));
  private static final Deque<Future<RealApiServer>> ahead = new ArrayDeque<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(FreshRealApiServers::stopAll, "real-apiservers-stop"));
  }

  private FreshRealApiServers() {}

  /** A server nobody has used, started (or starting) ahead; blocks until it answers {@code /readyz}. */
  public static RealApiServer take() {
    Future<RealApiServer> next;
    synchronized (ahead) {
      next = ahead.isEmpty() ? STARTS.submit(FreshRealApiServers::start) : ahead.poll();
      while (ahead.size() < AHEAD) {
        ahead.add(STARTS.submit(FreshRealApiServers::start));
      }
    }
    try {
      return next.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting a real API server", e);
    }
  }

  /**
   * A fresh server; a start that fails is tried again, twice at most: the ports are probed free before etcd
   * and the API server bind them, so a start racing another process for them can lose.
   */
  private static RealApiServer start() {
    for (int attempt = 1; ; attempt++) {
      try {
        return RealApiServer.startFresh();
      } catch (IllegalStateException e) {
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
        System.err.println("real API server start " + attempt + " of " + START_ATTEMPTS + " failed, trying again: "
            + e.getMessage());
      }
    }
  }

  /** Stops {@code server} (and deletes its directory) in the background; the JVM waits for it at exit. */
  public static void release(RealApiServer server) {
    STOPS.submit(server::close);
  }

  private static void stopAll() {
    synchronized (ahead) {
      for (Future<RealApiServer> spare : ahead) {
        try {
          spare.get(3, TimeUnit.MINUTES).close();
        } catch (Exception e) {
          // it did not start: nothing to stop (its start script stopped what it had started)
        }
      }
      ahead.clear();
    }
    STOPS.shutdown();
    try {
      STOPS.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
