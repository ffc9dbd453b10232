package io.driftless.pipeline;

import io.driftless.record.Lease;
import java.time.Instant;
import java.util.Optional;

/**
 * Takes the (Kustomization, cluster) lease, waiting with backoff while another run holds it, so two
 * reconciles of the same Kustomization never overlap.
 */
final class LeaseWaiter {
  private LeaseWaiter() {}

  static Lease acquire(ReconcileContext ctx, String cluster, String key) {
    Instant giveUp = ctx.clock().instant().plus(ctx.lockWait());
    long backoffMillis = 20;
    while (true) {
      Optional<Lease> lease = ctx.store().tryLock(cluster, key, ctx.holder(), ctx.lockTtl());
      if (lease.isPresent()) {
        return lease.get();
      }
      if (ctx.clock().instant().isAfter(giveUp)) {
        throw new LockBusyException(
            "Kustomization " + key + " on cluster " + cluster + " is being reconciled by another run");
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LockBusyException("interrupted while waiting for the lease on " + key);
      }
      backoffMillis = Math.min(500, backoffMillis * 2);
    }
  }

  /** The lease stayed taken for longer than the wait allows; the request stays queued. */
  static final class LockBusyException extends RuntimeException {
    LockBusyException(String message) {
      super(message);
    }
  }
}
