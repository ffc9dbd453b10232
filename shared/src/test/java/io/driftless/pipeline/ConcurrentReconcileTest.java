package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.local.LocalChartRepository;
import io.driftless.config.DriftlessConfig;
import io.driftless.model.HistoryEntry;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.Lease;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Two reconciles of the same Kustomization at once: one runs at a time, and no status update is lost. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class ConcurrentReconcileTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;

  @Test
  void twoConcurrentReconcilesRunOneAtATimeAndBothAreRecorded() throws Exception {
    List<String> leaseEvents = Collections.synchronizedList(new ArrayList<>());
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main").copyTree(Path.of("../examples"), ".");
        LocalChartRepository charts = LocalChartRepository.forExamples(Path.of("../examples"), remote.workTree());
        TestCluster.Running running = cluster.start(tmp);
        StateStore store = recordingLeases(TestStores.inMemory(), "flux-system/apps", leaseEvents)) {
      remote.commit("demo");
      Engine first = Engine.create(queueOnly(tmp.resolve("cache-a")), store, Map.of());
      Engine second = Engine.create(queueOnly(tmp.resolve("cache-b")), store, Map.of());
      first.registerCluster(new ClusterRecord("demo", running.kubeconfig().toString(), null, null));
      first.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", null, null));
      first.reconcile(ManualReconcile.all());
      long before = totalRuns(store);
      long versionBefore = store.getKustomization("demo", "flux-system/apps").orElseThrow().version();
      leaseEvents.clear();

      CountDownLatch start = new CountDownLatch(1);
      CompletableFuture<ReconcileReport> a = CompletableFuture.supplyAsync(() -> await(start, first));
      CompletableFuture<ReconcileReport> b = CompletableFuture.supplyAsync(() -> await(start, second));
      start.countDown();

      assertThat(a.get().allReady()).isTrue();
      assertThat(b.get().allReady()).isTrue();
      assertThat(leaseEvents).as("each run holds the lease alone: taken, released, taken, released")
          .containsExactly("locked", "unlocked", "locked", "unlocked");
      assertThat(totalRuns(store)).isEqualTo(before + 2);
      assertThat(store.getKustomization("demo", "flux-system/apps").orElseThrow().version())
          .isEqualTo(versionBefore + 2);
    }
  }

  /** The store, noting in order every lease on {@code key} that was taken and released. */
  private static StateStore recordingLeases(StateStore store, String key, List<String> events) {
    return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("unlock") && key.equals(((Lease) args[0]).key())) {
            events.add("unlocked"); // noted while still held, so a successor's "locked" can only follow it
          }
          Object result;
          try {
            result = method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("tryLock") && key.equals(args[1]) && ((Optional<?>) result).isPresent()) {
            events.add("locked");
          }
          return result;
        });
  }

  private static ReconcileReport await(CountDownLatch start, Engine engine) {
    try {
      start.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return engine.reconcile(new ManualReconcile("apps", "demo", false));
  }

  private static long totalRuns(StateStore store) {
    KustomizationRecord apps = store.getKustomization("demo", "flux-system/apps").orElseThrow();
    return apps.status().getHistory().stream().mapToLong(HistoryEntry::totalReconciliations).sum();
  }

  /** Reconciles run only when called, as on Lambda (no local worker). */
  private static DriftlessConfig queueOnly(Path cacheDir) {
    return DriftlessConfig.defaults().withCacheDir(cacheDir).withDispatch(DriftlessConfig.Dispatch.STREAM);
  }
}
