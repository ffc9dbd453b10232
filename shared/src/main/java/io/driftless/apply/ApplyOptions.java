package io.driftless.apply;

import java.time.Duration;

/**
 * How to apply: {@code force} recreates objects whose immutable fields changed (Flux's
 * {@code spec.force}); {@code stageWaitTimeout} bounds the wait for CRDs, Namespaces and classes.
 */
public record ApplyOptions(boolean force, Duration stageWaitTimeout) {

  public ApplyOptions {
    if (stageWaitTimeout == null || stageWaitTimeout.isNegative()) {
      throw new IllegalArgumentException("stageWaitTimeout must be zero or positive, got " + stageWaitTimeout);
    }
  }

  /** No recreation, and Flux's 60 s wait per stage. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(false, Duration.ofSeconds(60));
  }
}
