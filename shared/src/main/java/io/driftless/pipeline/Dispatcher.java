package io.driftless.pipeline;

import io.driftless.record.ReconcileRequest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Starts the reconcile of a queued request outside the webhook's request. Locally a single background
 * worker drains the queue; on AWS the table's stream invokes the reconcile function instead, so the
 * dispatcher does nothing there (the REQUEST item is already durable).
 */
final class Dispatcher implements Consumer<ReconcileRequest>, AutoCloseable {
  private final ExecutorService worker;
  private final Runnable drain;

  private Dispatcher(ExecutorService worker, Runnable drain) {
    this.worker = worker;
    this.drain = drain;
  }

  static Dispatcher local(Runnable drain) {
    return new Dispatcher(
        Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "driftless-reconcile");
          t.setDaemon(true);
          return t;
        }),
        drain);
  }

  static Dispatcher viaStream() {
    return new Dispatcher(null, null);
  }

  @Override
  public void accept(ReconcileRequest request) {
    if (worker != null) {
      worker.submit(drain);
    }
  }

  /** Waits until every dispatched drain so far has finished (used by the CLI before it exits). */
  Future<?> quiesce() {
    return worker == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : worker.submit(() -> {});
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.shutdown();
    }
  }
}
