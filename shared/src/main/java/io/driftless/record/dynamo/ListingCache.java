package io.driftless.record.dynamo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A listing of one item type that every event or every Kustomization of a fleet reads but that rarely
 * changes (the Alerts and Providers an event may be routed by, the Receivers a build may have dropped):
 * one Query serves them until a write to that type in this JVM ({@link #changed}) or its time to keep
 * ({@link #KEPT_FOR} unless given) passes, so a write made by another process (the CLI, another Lambda
 * instance) is seen within that time.
 * Generations are per JVM, so every store instance over the same table sees the others' writes at once.
 */
final class ListingCache<T> {
  static final Duration KEPT_FOR = Duration.ofSeconds(10);
  private record Listed<T>(long generation, long atNanos, List<T> items) {}

  private final AtomicLong generation;
  private final long keptForNanos;
  private final Map<String, Listed<T>> listed = new ConcurrentHashMap<>();

  private ListingCache(AtomicLong generation, Duration keptFor) {
    this.generation = generation;
    this.keptForNanos = keptFor.toNanos();
  }

  /** A cache whose invalidation is shared by every cache made with the same {@code generation}. */
  static <T> ListingCache<T> over(AtomicLong generation) {
    return over(generation, KEPT_FOR);
  }

  /** As {@link #over(AtomicLong)}, a listing kept at most {@code keptFor}. */
  static <T> ListingCache<T> over(AtomicLong generation, Duration keptFor) {
    return new ListingCache<>(generation, keptFor);
  }

  /** The listing under {@code key}, queried with {@code query} when none is kept or it is outdated. */
  List<T> get(String key, Supplier<List<T>> query) {
    long now = System.nanoTime();
    long current = generation.get();
    Listed<T> kept = listed.get(key);
    if (kept != null && kept.generation() == current && now - kept.atNanos() < keptForNanos) {
      return kept.items();
    }
    List<T> items = List.copyOf(query.get());
    listed.put(key, new Listed<>(current, now, items));
    return items;
  }

  /** A write to the type: every listing kept before it is outdated. */
  void changed() {
    generation.incrementAndGet();
  }
}
