package io.driftless.record;

import java.time.Duration;
import java.util.Optional;

/** The lease that lets one run at a time reconcile a (cluster, object). One role of the {@link StateStore}. */
public interface Leases {
  /** Takes the lease on (cluster, key) with a conditional write; empty when someone else holds it. */
  Optional<Lease> tryLock(String cluster, String key, String holder, Duration ttl);

  void unlock(Lease lease);
}
