package io.driftless.apply;

import java.time.Duration;

/**
 * How to apply: {@code force} recreates objects whose immutable fields changed (Flux's
 * {@code spec.force}); {@code stageWaitTimeout} bounds the wait for CRDs, Namespaces and classes;
 * {@code detectOnly} writes nothing and reports each object that differs from Git as drifted.
 */
public record ApplyOptions(boolean force, Duration stageWaitTimeout, boolean detectOnly) {

  public ApplyOptions {
    if (stageWaitTimeout == null || stageWaitTimeout.isNegative()) {
      throw new IllegalArgumentException("stageWaitTimeout must be zero or positive, got " + stageWaitTimeout);
    }
  }

  /** Applies and corrects drift. */
  public ApplyOptions(boolean force, Duration stageWaitTimeout) {
    this(force, stageWaitTimeout, false);
  }

  /** No recreation, and Flux's 60 s wait per stage. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(false, Duration.ofSeconds(60));
  }

  /** These options, reporting drift instead of correcting it. */
  public ApplyOptions detecting() {
    return new ApplyOptions(force, stageWaitTimeout, true);
  }
}
