package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.DriftlessConfig;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fan-out with the local dispatcher: a queued request becomes one work item per (Kustomization,
 * cluster), run by N workers; each item runs once, children after their parent, a dependent after
 * its dependency; an idle tick queues only the tree's top.
 */
class FanOutTest {
  private static final int WORKERS = 4;
  private static final int APPS = 12;
  /** Store calls by method, for the idle tick's cost line. */
  private static final Map<String, Integer> CALLS = new ConcurrentHashMap<>();
  @TempDir Path tmp;

  @Test
  void nWorkersRunEachItemOnceChildrenAfterParentsAndDependentsAfterDependencies() throws Exception {
    GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main");
    for (int i = 0; i < APPS; i++) {
      String extra = i == 1 ? "  dependsOn:\n    - name: app-0\n" : "";
      remote.write("clusters/demo/app-" + i + ".yaml", kustomization("app-" + i, "apps/" + i, extra))
          .write("apps/" + i + "/cm.yaml", configMap("default", "app-" + i, "v1"));
    }
    // a grandchild: app-2's build holds a Kustomization of its own
    remote.write("apps/2/nested.yaml", kustomization("nested", "nested", ""))
        .write("nested/cm.yaml", configMap("default", "nested", "v1"))
        .commit("fleet");
    List<String> writes = Collections.synchronizedList(new ArrayList<>());
    try (remote;
        TestCluster.Running cluster = TestCluster.SANDBOX.start(tmp);
        StateStore store = recordingStatusWrites(TestStores.inMemory(), writes);
        Engine engine = Engine.create(config(), store, Map.of())) {
      engine.registerCluster(new ClusterRecord("demo", cluster.kubeconfig().toString(), null, null));
      engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", null, null));
      store.enqueue(new ReconcileRequest("bootstrap-demo", ReconcileRequest.KIND_ROOT, "demo", "demo", "bootstrap",
          Instant.now().toString()));

      engine.watchQueue(); // drains at once: nothing else runs the request
      int items = APPS + 2; // the root, the apps, the nested one
      awaitTrue(() -> readyCount(store) == items && store.pendingRequests().isEmpty());
      engine.awaitIdle();

      List<String> keys = writes.stream().map(w -> w.split(" ")[0]).toList();
      assertThat(keys).as("each item's status is written once").doesNotHaveDuplicates().hasSize(items);
      assertThat(keys.indexOf("flux-system/flux-system")).isZero();
      assertThat(keys.indexOf("flux-system/nested")).isGreaterThan(keys.indexOf("flux-system/app-2"));
      assertThat(keys.indexOf("flux-system/app-1")).isGreaterThan(keys.indexOf("flux-system/app-0"));
      assertThat(writes.stream().map(w -> w.split(" ")[1]).distinct().count())
          .as("the items ran on every worker").isEqualTo(WORKERS);
      assertThat(cluster.client().configMaps().inNamespace("default").list().getItems())
          .extracting(c -> c.getMetadata().getName()).contains("app-0", "app-11", "nested");

      writes.clear();
      CALLS.clear();
      FanOutReport idle = engine.tick(Instant.now().plus(Duration.ofMinutes(1)));
      engine.awaitIdle();
      System.out.println("[fan-out] store calls of an idle tick over " + items + " items: " + new TreeMap<>(CALLS));
      assertThat(idle.queued()).as("an idle tick queues the tree's top only").hasSize(1);
      assertThat(writes).as("and nothing was due").isEmpty();
    }
  }

  private static DriftlessConfig config() {
    return DriftlessConfig.defaults()
        .withWorkers(new DriftlessConfig.Workers(WORKERS, Duration.ofSeconds(20), Duration.ofSeconds(5)));
  }

  private static long readyCount(StateStore store) {
    return store.listKustomizations().stream().map(KustomizationRecord::status)
        .filter(s -> s != null && s.isReady()).count();
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within 60 s");
      }
      Thread.sleep(50); // polling interval, not synchronisation
    }
  }

  /** The store, noting "key thread" for every status write, in order. */
  private static StateStore recordingStatusWrites(StateStore store, List<String> writes) {
    return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("putStatus") && args[2] instanceof KustomizationStatus) {
            writes.add(args[1] + " " + Thread.currentThread().getName());
          }
          CALLS.merge(method.getName(), 1, Integer::sum);
          return result;
        });
  }
}
