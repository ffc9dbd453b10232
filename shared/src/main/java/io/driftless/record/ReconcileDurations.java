package io.driftless.record;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * How long a work item's reconciles took, counted since it was first recorded: the number of
 * reconciles in each of Flux's buckets for {@code gotk_reconcile_duration_seconds} ({@link #BOUNDS},
 * then +Inf), their count, the sum of their seconds, and the seconds of the last one. The status write of each reconcile adds one
 * (in the same DynamoDB update), so any instance can build the histogram from the table.
 */
public record ReconcileDurations(List<Long> bucketCounts, long count, double sumSeconds, double lastSeconds) {
  /**
   * Flux's bucket upper bounds, Prometheus' ExponentialBucketsRange(0.01, 1800, 10) as Go computes it
   * (written out: Java's Math.pow differs in the last digits, and the {@code le} labels must match Flux's).
   */
  public static final List<Double> BOUNDS = List.of(0.01, 0.038363583488692544, 0.1471764538093883,
      0.5646216173286169, 2.166090855590701, 8.309900738254731, 31.879757075478317, 122.30217221643493,
      469.19495946736544, 1799.9999999999986);
  /** Nothing recorded yet. */
  public static final ReconcileDurations NONE = new ReconcileDurations(zeros(), 0, 0, 0);

  public ReconcileDurations {
    if (bucketCounts.size() != BOUNDS.size() + 1) {
      throw new IllegalArgumentException(
          "reconcile durations need " + (BOUNDS.size() + 1) + " bucket counts, got " + bucketCounts.size());
    }
    bucketCounts = List.copyOf(bucketCounts);
  }

  /** The bucket a reconcile that took {@code took} is counted in: the first bound it does not exceed, else +Inf. */
  public static int bucketOf(Duration took) {
    double seconds = seconds(took);
    for (int i = 0; i < BOUNDS.size(); i++) {
      if (seconds <= BOUNDS.get(i)) {
        return i;
      }
    }
    return BOUNDS.size();
  }

  public static double seconds(Duration took) {
    return took.toNanos() / 1e9;
  }

  private static List<Long> zeros() {
    return Collections.nCopies(BOUNDS.size() + 1, 0L);
  }
}
