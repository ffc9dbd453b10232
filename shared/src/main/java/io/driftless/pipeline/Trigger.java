package io.driftless.pipeline;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * Why a run happens: which Kustomizations run even when nothing changed ({@code forced}), the time
 * their intervals are measured against ({@code now}: a scheduled event's time), and whether sources
 * are fetched from their remotes ({@code fetchSources}; a manual reconcile without
 * {@code --with-source} uses the revision last fetched, as {@code flux reconcile ks} does).
 */
record Trigger(Predicate<String> forced, Instant now, boolean fetchSources) {

  /** A schedule tick at {@code now}: nothing forced, sources fetched. */
  static Trigger schedule(Instant now) {
    return new Trigger(key -> false, now, true);
  }
}
