package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.DriftlessConfig;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Yaml;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: what an idle tick costs at 1,000 Kustomizations (store calls, bytes listed, time),
 * printed. Run with {@code -Dtest=IdleTickCostBench -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class IdleTickCostBench {
  private static final int KUSTOMIZATIONS = 1000;
  @TempDir Path tmp;

  @Test
  void idleTickAtOneThousandKustomizations() throws Exception {
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main");
        StateStore store = counting(TestStores.inMemory(), calls);
        Engine engine = Engine.create(DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache"))
            .withDispatch(DriftlessConfig.Dispatch.STREAM), store, Map.of())) {
      String sha = remote.write("clusters/demo/cm.yaml", configMap("default", "marker", "v1")).commit("fleet");
      String revision = "main@sha1:" + sha;
      engine.registerCluster(new ClusterRecord("demo", tmp.resolve("no-kubeconfig").toString(), null, null));
      engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", null, null));
      SourceRecord source = store.listSources().get(0);
      store.putSource(new SourceRecord(source.key(), source.root(), source.url(), source.manifest(),
          source.credentialRef(), revision, Instant.now().toString()));
      appliedAt(store, "flux-system/flux-system", revision);
      for (int i = 0; i < KUSTOMIZATIONS - 1; i++) {
        String key = "flux-system/app-" + i;
        store.putKustomization("demo", key, "demo", "flux-system/flux-system",
            kustomization("app-" + i, "apps/" + i, ""));
        appliedAt(store, key, revision);
      }
      long bytes = store.listKustomizations().stream().mapToLong(IdleTickCostBench::size).sum();

      for (int round = 1; round <= 3; round++) {
        calls.clear();
        Instant now = Instant.now().plusSeconds(60L * round);
        long t0 = System.nanoTime();
        FanOutReport tick = engine.tick(now);
        long t1 = System.nanoTime();
        FanOutReport work = engine.work(tick.queued());
        long t2 = System.nanoTime();
        assertThat(tick.queued()).hasSize(1);
        assertThat(work.queued()).isEmpty();
        System.out.printf("[idle-tick] round %d, %d Kustomizations (%d KB listed per listing): tick %d ms, "
                + "the root's work item %d ms; store calls %s%n",
            round, KUSTOMIZATIONS, bytes / 1024, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, new TreeMap<>(calls));
      }
    }
  }

  /** Ready at {@code revision}, just now, with four objects in its inventory and one history entry. */
  private static void appliedAt(StateStore store, String key, String revision) {
    KustomizationStatus status = new KustomizationStatus();
    Instant now = Instant.now();
    status.setLastAttemptedRevision(revision);
    status.setInventory(List.of(
        new InventoryEntry("default_app_apps_Deployment", "v1"), new InventoryEntry("default_app__Service", "v1"),
        new InventoryEntry("default_app__ConfigMap", "v1"), new InventoryEntry("default_app__ServiceAccount", "v1")));
    StatusUpdates.succeeded(status, revision, now);
    StatusUpdates.recordHistory(status, "sha256:" + "0".repeat(64), revision, true, now, now);
    store.putStatus("demo", key, status, store.getKustomization("demo", key).orElseThrow().version());
  }

  private static long size(KustomizationRecord k) {
    try {
      return k.manifest().length() + Yaml.json().writeValueAsString(k.status()).length() + 200;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static StateStore counting(StateStore store, Map<String, Integer> calls) {
    return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
        (proxy, method, args) -> {
          calls.merge(method.getName(), 1, Integer::sum);
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
