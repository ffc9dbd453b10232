package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.DriftlessConfig;
import io.driftless.model.HistoryEntry;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.sandbox.SandboxApiServer;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestStores;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two reconciles of the same Kustomization at once: one runs at a time, and no status update is lost. */
class ConcurrentReconcileTest {
  @TempDir Path tmp;

  @Test
  void twoConcurrentReconcilesRunOneAtATimeAndBothAreRecorded() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main").copyTree(Path.of("../examples"), ".");
        SandboxApiServer sandbox = SandboxApiServer.start(0);
        StateStore store = TestStores.inMemory()) {
      remote.commit("demo");
      Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
      Engine first = Engine.create(queueOnly(tmp.resolve("cache-a")), store, Map.of());
      Engine second = Engine.create(queueOnly(tmp.resolve("cache-b")), store, Map.of());
      first.registerCluster(new ClusterRecord("demo", kubeconfig.toString(), null, null));
      first.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", null, null));
      first.reconcile(ManualReconcile.all());
      long before = totalRuns(store);
      long versionBefore = store.getKustomization("demo", "flux-system/apps").orElseThrow().version();

      CountDownLatch start = new CountDownLatch(1);
      CompletableFuture<ReconcileReport> a = CompletableFuture.supplyAsync(() -> await(start, first));
      CompletableFuture<ReconcileReport> b = CompletableFuture.supplyAsync(() -> await(start, second));
      start.countDown();

      assertThat(a.get().allReady()).isTrue();
      assertThat(b.get().allReady()).isTrue();
      assertThat(totalRuns(store)).isEqualTo(before + 2);
      assertThat(store.getKustomization("demo", "flux-system/apps").orElseThrow().version())
          .isEqualTo(versionBefore + 2);
    }
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
