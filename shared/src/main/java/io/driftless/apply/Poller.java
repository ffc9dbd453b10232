package io.driftless.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls a condition: checks at once, then every interval until it holds or the timeout passes. */
final class Poller {
  private final Duration interval;

  Poller(Duration interval) {
    this.interval = interval;
  }

  /** True when the condition held before the timeout. */
  boolean await(Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        return false;
      }
      try {
        Thread.sleep(Math.min(interval.toMillis(), Math.max(1, left.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
