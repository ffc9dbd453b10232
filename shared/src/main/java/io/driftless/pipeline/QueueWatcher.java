package io.driftless.pipeline;

import io.driftless.record.ReconcileRequest;
import io.driftless.record.StateStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Hands every pending request to the dispatcher when it starts and then every {@code interval}: a
 * request a dead process left behind (killed mid-apply, its claim and leases lapsing) is resumed
 * without waiting for the next webhook or tick. Requests another live worker holds are skipped by
 * their claim.
 */
final class QueueWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(QueueWatcher.class.getName());
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "driftless-queue-watcher");
    t.setDaemon(true);
    return t;
  });

  QueueWatcher(StateStore store, Consumer<ReconcileRequest> dispatch, Duration interval) {
    timer.scheduleWithFixedDelay(() -> {
      try {
        store.pendingRequests().forEach(dispatch);
      } catch (RuntimeException e) {
        LOG.warning("cannot read the queued requests: " + e.getMessage());
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
