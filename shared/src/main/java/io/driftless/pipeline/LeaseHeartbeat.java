package io.driftless.pipeline;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Keeps a short lease alive while its run is: renews it every third of its time to live on one
 * shared daemon thread. A run that dies (kill -9, a Lambda timeout, an out-of-memory kill) stops
 * renewing, so its lease lapses within the time to live and the next worker takes over. Once
 * {@link #close} returns no renewal is sent any more, so a lease released after it stays released.
 */
final class LeaseHeartbeat implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LeaseHeartbeat.class.getName());
  private static final ScheduledExecutorService BEAT = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "driftless-lease-heartbeat");
    t.setDaemon(true);
    return t;
  });
  private final String what;
  private final BooleanSupplier renew;
  private ScheduledFuture<?> task;
  private boolean stopped;

  private LeaseHeartbeat(String what, BooleanSupplier renew) {
    this.what = what;
    this.renew = renew;
  }

  /**
   * Renews {@code what} (as the log names it) with {@code renew} every {@code ttl / 3} until closed;
   * {@code renew} answers false when the lease was lost, which is logged once and ends the beat.
   */
  static LeaseHeartbeat keep(String what, Duration ttl, BooleanSupplier renew) {
    long every = Math.max(1, ttl.toMillis() / 3);
    LeaseHeartbeat beat = new LeaseHeartbeat(what, renew);
    synchronized (beat) {
      beat.task = BEAT.scheduleWithFixedDelay(beat::beat, every, every, TimeUnit.MILLISECONDS);
    }
    return beat;
  }

  private synchronized void beat() {
    if (stopped) {
      return;
    }
    try {
      if (!renew.getAsBoolean()) {
        LOG.warning(what + ": lease lost to another worker; its run goes on, the other one's writes win");
        close();
      }
    } catch (RuntimeException e) {
      LOG.warning(what + ": lease not renewed, retrying: " + e.getMessage());
    }
  }

  /** Stops renewing; waits for a renewal under way to finish. */
  @Override
  public synchronized void close() {
    stopped = true;
    task.cancel(false);
  }
}
