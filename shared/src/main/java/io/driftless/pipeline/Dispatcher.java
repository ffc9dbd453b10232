package io.driftless.pipeline;

import io.driftless.record.ReconcileRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Starts queued requests outside the webhook's request. Locally a pool of workers runs each request
 * and the work items it queues, each on its own worker; on AWS the requests reach the work function
 * through the table's stream (and SQS), so the dispatcher does nothing there (the REQUEST item is
 * already durable).
 */
final class Dispatcher implements Consumer<ReconcileRequest>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
  private final ExecutorService workers;
  private final Function<String, List<ReconcileRequest>> run;
  private final Set<String> inFlight = new HashSet<>();
  private final AtomicInteger threads = new AtomicInteger();

  private Dispatcher(int workers, Function<String, List<ReconcileRequest>> run) {
    this.workers = workers == 0 ? null : Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "driftless-worker-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.run = run;
  }

  /** {@code workers} threads, each running one request at a time with {@code run}, which answers the items it queued. */
  static Dispatcher local(int workers, Function<String, List<ReconcileRequest>> run) {
    if (workers < 1) {
      throw new IllegalArgumentException("a local dispatcher needs at least one worker, not " + workers);
    }
    return new Dispatcher(workers, run);
  }

  static Dispatcher viaStream() {
    return new Dispatcher(0, id -> List.of());
  }

  /** Runs {@code request} on a free worker, unless this dispatcher already has it waiting or running. */
  @Override
  public void accept(ReconcileRequest request) {
    if (workers == null) {
      return;
    }
    synchronized (inFlight) {
      if (!inFlight.add(request.id())) {
        return;
      }
    }
    workers.submit(() -> {
      try {
        run.apply(request.id()).forEach(this::accept);
      } catch (RuntimeException e) {
        LOG.warning("request " + request.id() + ": " + e.getMessage() + " (it stays queued; the next drain retries it)");
      } finally {
        synchronized (inFlight) {
          inFlight.remove(request.id());
          inFlight.notifyAll();
        }
      }
    });
  }

  boolean isLocal() {
    return workers != null;
  }

  /** Waits until every request dispatched so far, and every item they queued, has finished. */
  void awaitIdle() throws InterruptedException {
    synchronized (inFlight) {
      while (!inFlight.isEmpty()) {
        inFlight.wait();
      }
    }
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdown();
    }
  }
}
