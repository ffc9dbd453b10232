package io.driftless.pipeline;

import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Kustomizations of the table as one wave's items on this process saw them: each item of a
 * fan-out plans what follows it from the whole tree, and listing it anew per item made a wave of
 * 1,000 Kustomizations read a million items. One listing serves the wave's items until this process
 * registers or removes a Kustomization, or {@link #KEPT_FOR} passes.
 *
 * <p>Only with the local dispatcher, where every item of a wave runs in this process: on AWS each
 * item is its own invocation, which reads only its part of the tree ({@link #fresh()}, {@link TreeView#indexed}).
 */
final class TreeSnapshots {
  static final Duration KEPT_FOR = Duration.ofSeconds(30);
  private record Snapshot(String wave, long generation, Instant at, List<KustomizationRecord> kustomizations) {}

  private final boolean enabled;
  private final Clock clock;
  private final AtomicReference<Snapshot> last = new AtomicReference<>();
  /** Moves on each change, so a listing begun before a change is never kept after it. */
  private final AtomicLong generation = new AtomicLong();

  private TreeSnapshots(boolean enabled, Clock clock) {
    this.enabled = enabled;
    this.clock = clock;
  }

  static TreeSnapshots shared(Clock clock) {
    return new TreeSnapshots(true, clock);
  }

  static TreeSnapshots fresh() {
    return new TreeSnapshots(false, Clock.systemUTC());
  }

  /** Every Kustomization record, as listed once for {@code wave}. */
  private List<KustomizationRecord> kustomizations(StateStore store, String wave) {
    if (!enabled) {
      return store.listKustomizations();
    }
    Instant now = clock.instant();
    long current = generation.get();
    Snapshot s = last.get();
    if (s != null && s.wave().equals(wave) && s.generation() == current && now.isBefore(s.at().plus(KEPT_FOR))) {
      return s.kustomizations();
    }
    List<KustomizationRecord> listed = store.listKustomizations();
    last.set(new Snapshot(wave, current, now, listed));
    return listed;
  }

  /** What an item of {@code wave} reads of {@code root}'s tree: the wave's listing here, its own part on AWS. */
  TreeView view(StateStore store, RootRecord root, String wave) {
    return enabled ? TreeView.listed(store, root, WorkPlanner.tree(kustomizations(store, wave), root))
        : TreeView.indexed(store, root);
  }

  /** This process registered or removed Kustomizations: the next item lists again. */
  void changed() {
    generation.incrementAndGet();
  }
}
