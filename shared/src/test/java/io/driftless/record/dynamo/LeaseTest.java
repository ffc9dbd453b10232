package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.record.Lease;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lease locks on (cluster, Kustomization): conditional writes, expiry from the store's clock. */
class LeaseTest extends StoreTestBase {
  static final Duration TTL = Duration.ofMinutes(5);

  @Test
  void leaseIsTakenUntilItsExpiry() {
    Optional<Lease> lease = store.tryLock("dev", "flux-system/apps", "worker-1", TTL);

    assertThat(lease).contains(new Lease("dev", "flux-system/apps", "worker-1", NOW.plus(TTL)));
  }

  @Test
  void anotherHolderIsRefusedWhileTheLeaseIsHeld() {
    store.tryLock("dev", "flux-system/apps", "worker-1", TTL);

    DynamoStateStore later = storeAt(NOW.plus(Duration.ofMinutes(4)));
    assertThat(later.tryLock("dev", "flux-system/apps", "worker-2", TTL)).isEmpty();
  }

  @Test
  void leasesOnOtherClustersAndKustomizationsAreIndependent() {
    store.tryLock("dev", "flux-system/apps", "worker-1", TTL);

    assertThat(store.tryLock("prod", "flux-system/apps", "worker-2", TTL)).isPresent();
    assertThat(store.tryLock("dev", "flux-system/infra", "worker-2", TTL)).isPresent();
  }

  @Test
  void theHolderCanRenewItsLease() {
    store.tryLock("dev", "flux-system/apps", "worker-1", TTL);

    DynamoStateStore later = storeAt(NOW.plus(Duration.ofMinutes(4)));
    Optional<Lease> renewed = later.tryLock("dev", "flux-system/apps", "worker-1", TTL);

    assertThat(renewed).map(Lease::expiresAt).contains(NOW.plus(Duration.ofMinutes(9)));
  }

  @Test
  void anExpiredLeaseIsTakenByAnotherHolder() {
    store.tryLock("dev", "flux-system/apps", "worker-1", TTL);

    DynamoStateStore afterExpiry = storeAt(NOW.plus(Duration.ofMinutes(6)));
    Optional<Lease> taken = afterExpiry.tryLock("dev", "flux-system/apps", "worker-2", TTL);

    assertThat(taken).map(Lease::holder).contains("worker-2");
  }

  @Test
  void unlockFreesTheLease() {
    Lease lease = store.tryLock("dev", "flux-system/apps", "worker-1", TTL).orElseThrow();

    store.unlock(lease);

    assertThat(store.tryLock("dev", "flux-system/apps", "worker-2", TTL)).isPresent();
  }

  @Test
  void unlockByAFormerHolderLeavesTheNewHoldersLease() {
    Lease stale = store.tryLock("dev", "flux-system/apps", "worker-1", TTL).orElseThrow();
    DynamoStateStore later = storeAt(NOW.plus(Duration.ofMinutes(6)));
    later.tryLock("dev", "flux-system/apps", "worker-2", TTL).orElseThrow();

    later.unlock(stale);

    assertThat(later.tryLock("dev", "flux-system/apps", "worker-3", TTL)).isEmpty();
  }
}
