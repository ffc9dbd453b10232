package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.DriftlessConfig;
import io.driftless.local.LocalDynamoDbServer;
import io.driftless.local.SharedRealApiServer;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving process killed with {@code kill -9} while it applies an accepted push: a new process,
 * given no new trigger, takes over the lapsed claim and lease and converges to the pushed revision
 * within 30 s, and prunes nothing that Git still has. On the real API server when this machine has
 * one, else on the sandbox.
 */
class CrashRecoveryTest {
  private static final int CONFIG_MAPS = 60;
  private static final String NS = "default";
  @TempDir Path tmp;

  @Test
  void aRunKilledMidApplyIsResumedByTheNextProcessWithinThirtySeconds() throws Exception {
    TestCluster kind = SharedRealApiServer.unavailableReason() == null ? TestCluster.REAL : TestCluster.SANDBOX;
    try (LocalDynamoDbServer dynamo = LocalDynamoDbServer.start();
        TestCluster.Running cluster = kind.start(tmp);
        GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main");
        StateStore store = DynamoStores.endpoint("driftless", dynamo.endpoint());
        Engine setup = Engine.create(DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache-setup"))
            .withDispatch(DriftlessConfig.Dispatch.STREAM), store, Map.of())) {
      remote.write("clusters/demo/apps.yaml", kustomization("apps", "apps", ""));
      writeConfigMaps(remote, "v1");
      remote.write("apps/retired.yaml", configMap(NS, "retired", "v1")).commit("v1");
      setup.registerCluster(new ClusterRecord("demo", cluster.kubeconfig().toString(), null, null));
      setup.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", null, null));
      assertThat(setup.reconcile(ManualReconcile.all()).allReady()).isTrue();

      writeConfigMaps(remote, "v2");
      String pushed = remote.delete("apps/retired.yaml").commit("v2");
      store.enqueue(new ReconcileRequest("push-v2", ReconcileRequest.KIND_ROOT, "demo", "demo", "push main@" + pushed,
          Instant.now().toString()));

      Process first = serve(dynamo, "first");
      await(Duration.ofSeconds(90), () -> countAt(cluster, "v2") >= 3, first);
      kill9(first);
      long atKill = countAt(cluster, "v2");
      assertThat(atKill).as("killed while applying, not after").isLessThan(CONFIG_MAPS);
      Map<String, String> uidsAtKill = uids(cluster);

      Instant restarted = Instant.now();
      Process second = serve(dynamo, "second");
      try {
        await(Duration.ofSeconds(30), () -> converged(store, cluster, pushed), second,
            () -> countAt(cluster, "v2") + "/" + CONFIG_MAPS + " applied, queued: " + store.pendingRequests().size());
        System.out.println("[crash-recovery] on the " + kind + " server: killed at " + atKill + "/" + CONFIG_MAPS + " applied; converged "
            + Duration.between(restarted, Instant.now()).toMillis() + " ms after the restart");
      } finally {
        second.destroyForcibly().waitFor();
      }
      Map<String, String> uidsAfter = uids(cluster);
      uidsAtKill.remove("retired");
      assertThat(uidsAfter).as("nothing Git still has was pruned (and recreated)").containsAllEntriesOf(uidsAtKill);
      assertThat(uidsAfter).doesNotContainKey("retired");
    }
  }

  private static void writeConfigMaps(GitRemote remote, String value) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < CONFIG_MAPS; i++) {
      all.append("---\n").append(configMap(NS, "app-" + i, value));
    }
    remote.write("apps/config-maps.yaml", all.toString());
  }

  private boolean converged(StateStore store, TestCluster.Running cluster, String pushed) {
    KustomizationRecord apps = store.getKustomization("demo", "flux-system/apps").orElseThrow();
    return apps.status() != null && apps.status().isReady()
        && apps.status().getLastAppliedRevision() != null && apps.status().getLastAppliedRevision().endsWith(pushed)
        && countAt(cluster, "v2") == CONFIG_MAPS && !uids(cluster).containsKey("retired")
        && store.pendingRequests().isEmpty();
  }

  private static long countAt(TestCluster.Running cluster, String value) {
    return configMaps(cluster).stream().filter(c -> c.getData() != null && value.equals(c.getData().get("value"))).count();
  }

  private static Map<String, String> uids(TestCluster.Running cluster) {
    return configMaps(cluster).stream().filter(c -> !c.getMetadata().getName().equals("kube-root-ca.crt"))
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c.getMetadata().getUid(), (a, b) -> a, HashMap::new));
  }

  private static List<ConfigMap> configMaps(TestCluster.Running cluster) {
    return cluster.client().configMaps().inNamespace(NS).list().getItems();
  }

  /** A child JVM serving from the shared table, as {@code driftless serve} would, logging to a file. */
  private Process serve(LocalDynamoDbServer dynamo, String name) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        CrashableServe.class.getName());
    pb.environment().put("DRIFTLESS_TABLE", "driftless");
    pb.environment().put("DRIFTLESS_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
    pb.environment().put("DRIFTLESS_DISPATCH", "local");
    pb.environment().put("DRIFTLESS_CACHE_DIR", tmp.resolve("cache-" + name).toString());
    Path log = tmp.resolve(name + ".log");
    Files.deleteIfExists(log);
    return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** A real {@code kill -9} of the child, then waits for it to be gone. */
  private static void kill9(Process p) throws Exception {
    int rc = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start().waitFor();
    assertThat(rc).isZero();
    p.waitFor();
  }

  private void await(Duration limit, BooleanSupplier condition, Process serving) throws Exception {
    await(limit, condition, serving, () -> "");
  }

  private void await(Duration limit, BooleanSupplier condition, Process serving, Supplier<String> state)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      boolean alive = serving.isAlive();
      if (!alive || Instant.now().isAfter(deadline)) {
        serving.destroyForcibly().waitFor();
        throw new AssertionError((alive ? "" : "the serving process exited; ") + "not reached within "
            + limit.toSeconds() + " s (" + state.get() + "); the logs: " + tail(tmp));
      }
      Thread.sleep(50); // polling interval, not synchronisation
    }
  }

  private static String tail(Path dir) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("first.log", "second.log")) {
      Path log = dir.resolve(name);
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        out.append("\n--- ").append(name).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
      }
    }
    return out.toString();
  }
}
