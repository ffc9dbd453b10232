package io.driftless.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Where the engine's time goes, summed over every reconcile by stage (lease, fetch, build, apply,
 * prune, health, status, register), for the benchmark's per-stage breakdown. Parallel workers add
 * up, so the sum can exceed the wall time.
 */
public final class StageTimes {
  /** The stages in pipeline order, as {@link #snapshotMillis()} lists them. */
  public static final String[] STAGES = {"lease", "fetch", "build", "apply", "prune", "health", "status", "register"};
  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  <T> T time(String stage, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      nanos.computeIfAbsent(stage, k -> new LongAdder()).add(System.nanoTime() - start);
      counts.computeIfAbsent(stage, k -> new LongAdder()).increment();
    }
  }

  void run(String stage, Runnable work) {
    time(stage, () -> {
      work.run();
      return null;
    });
  }

  /** How many times {@code stage} ran so far (builds, say). */
  public long count(String stage) {
    LongAdder n = counts.get(stage);
    return n == null ? 0 : n.sum();
  }

  /** Stage to milliseconds spent so far, in pipeline order. */
  public Map<String, Double> snapshotMillis() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String stage : STAGES) {
      LongAdder n = nanos.get(stage);
      out.put(stage, n == null ? 0.0 : n.sum() / 1e6);
    }
    return out;
  }
}
