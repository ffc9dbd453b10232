package io.driftless.pipeline;

import io.driftless.apply.WaveListings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The listings each wave's first applies share ({@link WaveListings}), by the wave's time (every item
 * of a push or a tick carries it). The last {@link #KEPT} waves are kept: a new wave lists afresh.
 */
final class WaveListingsByWave {
  static final int KEPT = 4;
  private final Map<Instant, WaveListings> waves = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Instant, WaveListings> eldest) {
      return size() > KEPT;
    }
  };

  /** The listings of the wave that began at {@code wave}. */
  synchronized WaveListings of(Instant wave) {
    return waves.computeIfAbsent(wave, w -> new WaveListings());
  }
}
