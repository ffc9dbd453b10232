package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.ConcurrentUpdateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two invocations writing status from the same version: exactly one wins, every time. */
class ConcurrentStatusTest extends StoreTestBase {
  static final int ROUNDS = 20;

  @Test
  void exactlyOneOfTwoRacingStatusWritesWins() throws Exception {
    store.putKustomization("dev", "flux-system/apps", "fleet", "", "v: 1\n");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (long version = 0; version < ROUNDS; version++) {
        List<Boolean> outcomes = race(pool, version);

        assertThat(outcomes).as("round %d", version).containsExactlyInAnyOrder(true, false);
        assertThat(store.getKustomization("dev", "flux-system/apps").orElseThrow().version())
            .isEqualTo(version + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Boolean> race(ExecutorService pool, long version) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> writers = new ArrayList<>();
    for (String writer : List.of("worker-1", "worker-2")) {
      Callable<Boolean> write =
          () -> {
            start.await();
            try {
              store.putStatus("dev", "flux-system/apps", statusBy(writer), version);
              return true;
            } catch (ConcurrentUpdateException lost) {
              return false;
            }
          };
      writers.add(pool.submit(write));
    }
    start.countDown();
    List<Boolean> outcomes = new ArrayList<>();
    for (Future<Boolean> writer : writers) {
      outcomes.add(writer.get());
    }
    return outcomes;
  }

  private static KustomizationStatus statusBy(String writer) {
    KustomizationStatus status = new KustomizationStatus();
    status.setCondition(Condition.READY, Condition.TRUE, "ReconciliationSucceeded", writer, "now");
    return status;
  }
}
