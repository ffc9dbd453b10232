package io.driftless.pipeline;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A bounded pool for one run: at most {@code size} tasks at once, each result handed back to the
 * caller's thread in the order they finish, so the caller alone touches the run's bookkeeping. With
 * size 1 the tasks run one after the other, as before parallel runs existed.
 *
 * @param <T> what a task returns
 */
final class Workers<T> implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();
  private final int size;
  private final ExecutorService pool;
  private final BlockingQueue<T> finished = new LinkedBlockingQueue<>();
  private int running;

  Workers(int size, String name) {
    this.size = size;
    int id = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(size, r -> {
      Thread t = new Thread(r, name + "-" + id + "-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  boolean hasRoom() {
    return running < size;
  }

  boolean busy() {
    return running > 0;
  }

  /** Runs {@code task} on a free worker; whatever it throws becomes {@code failed}'s value. */
  void submit(Supplier<T> task, Function<Throwable, T> failed) {
    running++;
    pool.execute(() -> {
      T result;
      try {
        result = task.get();
      } catch (Throwable e) {
        result = failed.apply(e);
      }
      finished.add(result);
    });
  }

  /** The next task to finish; waits for one. */
  T next() {
    try {
      T result = finished.take();
      running--;
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a reconcile to finish", e);
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
