package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.record.Lease;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes the (Kustomization, cluster) lease, waiting with backoff while another run holds it, so two
 * reconciles of the same Kustomization never overlap. Each acquisition has its own holder, so two
 * workers of one process exclude each other too. A held lease is short ({@code lockTtl}) and renewed
 * by a {@link LeaseHeartbeat} until {@link #release}: when its holder dies, it lapses within the time
 * to live and the waiting run takes over.
 */
final class LeaseWaiter {
  private LeaseWaiter() {}

  static Lease acquire(ReconcileContext ctx, String cluster, String key) {
    String holder = ctx.holder() + "/" + UUID.randomUUID();
    Instant giveUp = ctx.clock().instant().plus(ctx.lockWait());
    long backoffMillis = 20;
    while (true) {
      Optional<Lease> lease = ctx.store().tryLock(cluster, key, holder, ctx.lockTtl());
      if (lease.isPresent()) {
        Heartbeats.start(ctx, lease.get());
        return lease.get();
      }
      if (ctx.clock().instant().isAfter(giveUp)) {
        throw new LockBusyException(
            ObjectId.subject(Kustomization.KIND, key) + " on cluster " + cluster + " is being reconciled by another run");
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

  /** Stops renewing the lease and releases it. */
  static void release(ReconcileContext ctx, Lease lease) {
    Heartbeats.stop(lease);
    ctx.store().unlock(lease);
  }

  /** The lease stayed taken for longer than the wait allows; the request stays queued. */
  static final class LockBusyException extends RuntimeException {
    LockBusyException(String message) {
      super(message);
    }
  }

  /** The heartbeat of each held lease, by its holder (unique per acquisition). */
  private static final class Heartbeats {
    private static final Map<String, LeaseHeartbeat> HELD = new ConcurrentHashMap<>();

    static void start(ReconcileContext ctx, Lease lease) {
      HELD.put(lease.holder(), LeaseHeartbeat.keep(
          ObjectId.subject(Kustomization.KIND, lease.key()) + " on cluster " + lease.cluster(), ctx.lockTtl(),
          () -> ctx.store().tryLock(lease.cluster(), lease.key(), lease.holder(), ctx.lockTtl()).isPresent()));
    }

    static void stop(Lease lease) {
      LeaseHeartbeat beat = HELD.remove(lease.holder());
      if (beat != null) {
        beat.close();
      }
    }
  }
}
