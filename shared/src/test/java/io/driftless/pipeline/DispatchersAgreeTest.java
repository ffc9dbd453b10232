package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.apply.ChangeSetEntry;
import io.driftless.config.DriftlessConfig;
import io.driftless.record.ClusterRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tree runner: the same requests give the same outcomes, change sets and order whether their
 * work items run in this JVM (a manual reconcile, the CLI, the schedule function) or are queued one
 * by one as the AWS work function receives them. Scenarios: a first apply of a tree with a
 * dependsOn and a grandchild; a push that changes one ConfigMap, deletes another and adds a
 * Kustomization; a manual reconcile of everything.
 */
class DispatchersAgreeTest {
  @TempDir Path tmp;

  /** How a test runs a request to the end on an engine: the outcomes in the order they were reported. */
  private interface Dispatch extends BiFunction<Engine, ReconcileRequest, List<ReconcileOutcome>> {}

  /** In this JVM, as {@code driftless reconcile} and the schedule function run: nothing queued. */
  private static final Dispatch IN_PROCESS = (engine, request) -> engine.runHere(List.of(request)).outcomes();

  /** Queued in the table, each item handed to {@link Engine#work} on its own, as SQS delivers them to the work function. */
  private static final Dispatch QUEUED = (engine, request) -> {
    assertThat(engine.store().enqueue(request)).isTrue();
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    List<String> ids = new ArrayList<>(List.of(request.id()));
    while (!ids.isEmpty()) {
      FanOutReport report = engine.work(List.of(ids.remove(0)));
      assertThat(report.failed()).isEmpty();
      outcomes.addAll(report.outcomes());
      ids.addAll(report.queued());
    }
    return outcomes;
  };

  @Test
  void inProcessAndQueuedRunsAgree() throws Exception {
    GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main");
    remote.write("clusters/demo/infra.yaml", kustomization("infra", "infra", ""))
        .write("infra/cm.yaml", configMap("default", "infra", "v1"))
        .write("clusters/demo/apps.yaml", kustomization("apps", "apps", "  dependsOn:\n    - name: infra\n"))
        .write("apps/cm.yaml", configMap("default", "apps", "v1"))
        .write("apps/nested.yaml", kustomization("nested", "nested", ""))
        .write("nested/cm.yaml", configMap("default", "nested", "v1"))
        .write("clusters/demo/solo.yaml", kustomization("solo", "solo", ""))
        .write("solo/cm.yaml", configMap("default", "solo", "v1"))
        .write("solo/extra.yaml", configMap("default", "extra", "v1"))
        .commit("fleet");
    try (remote;
        Fleet inProcess = new Fleet(tmp.resolve("a"), remote);
        Fleet queued = new Fleet(tmp.resolve("b"), remote)) {
      List<ReconcileOutcome> firstA = inProcess.run(IN_PROCESS, "bootstrap", false);
      List<ReconcileOutcome> firstB = queued.run(QUEUED, "bootstrap", false);
      assertSame(firstA, firstB);
      assertThat(firstA).extracting(ReconcileOutcome::kustomization).containsExactlyInAnyOrder(
          "flux-system/flux-system", "flux-system/infra", "flux-system/apps", "flux-system/nested", "flux-system/solo");
      assertOrder(firstA);
      assertOrder(firstB);

      remote.write("infra/cm.yaml", configMap("default", "infra", "v2"))
          .delete("solo/extra.yaml")
          .write("clusters/demo/late.yaml", kustomization("late", "late", "  dependsOn:\n    - name: apps\n"))
          .write("late/cm.yaml", configMap("default", "late", "v1"))
          .commit("push: infra v2, extra removed, late added");
      List<ReconcileOutcome> pushA = inProcess.run(IN_PROCESS, "push", false);
      List<ReconcileOutcome> pushB = queued.run(QUEUED, "push", false);
      assertSame(pushA, pushB);
      assertThat(changes(pushA)).containsEntry("flux-system/infra", List.of("ConfigMap/default/infra configured"))
          .containsEntry("flux-system/solo", List.of("ConfigMap/default/extra deleted"))
          .containsEntry("flux-system/late", List.of("ConfigMap/default/late created"));
      assertOrder(pushA);
      assertThat(pushA.stream().map(ReconcileOutcome::kustomization).toList())
          .containsSubsequence("flux-system/apps", "flux-system/late");

      List<ReconcileOutcome> allA = inProcess.run(IN_PROCESS, "manual", true);
      List<ReconcileOutcome> allB = queued.run(QUEUED, "manual", true);
      assertSame(allA, allB);
      assertThat(allA).extracting(ReconcileOutcome::kustomization).hasSize(6).doesNotHaveDuplicates();
      assertThat(allA).allMatch(ReconcileOutcome::ready);
    }
  }

  /** Parents before children, dependencies before dependents, in the order the outcomes were reported. */
  private static void assertOrder(List<ReconcileOutcome> outcomes) {
    List<String> keys = outcomes.stream().map(ReconcileOutcome::kustomization).toList();
    assertThat(keys).containsSubsequence("flux-system/infra", "flux-system/apps", "flux-system/nested");
    if (keys.contains("flux-system/flux-system")) {
      assertThat(keys.get(0)).isEqualTo("flux-system/flux-system");
    }
  }

  /** The same Kustomizations, each as Ready (or not) for the same reason, with the same changes. */
  private static void assertSame(List<ReconcileOutcome> a, List<ReconcileOutcome> b) {
    assertThat(summary(a)).isEqualTo(summary(b));
  }

  private static Map<String, String> summary(List<ReconcileOutcome> outcomes) {
    Map<String, String> byKey = new TreeMap<>();
    for (ReconcileOutcome o : outcomes) {
      byKey.put(o.kustomization(), o.ready() + " " + o.reason() + " " + o.revision() + " " + changes(o));
    }
    return byKey;
  }

  private static Map<String, List<String>> changes(List<ReconcileOutcome> outcomes) {
    Map<String, List<String>> byKey = new TreeMap<>();
    outcomes.forEach(o -> byKey.put(o.kustomization(), changes(o)));
    return byKey;
  }

  private static List<String> changes(ReconcileOutcome o) {
    return o.changes().changed().stream().map(ChangeSetEntry::line).sorted().toList();
  }

  /** One engine on its own store and sandbox cluster, bootstrapped with the repository. */
  private static final class Fleet implements AutoCloseable {
    private final TestCluster.Running cluster;
    private final StateStore store = TestStores.inMemory();
    private final Engine engine;
    private int requests;

    Fleet(Path dir, GitRemote remote) {
      cluster = TestCluster.SANDBOX.start(dir);
      engine = Engine.create(DriftlessConfig.defaults().withDispatch(DriftlessConfig.Dispatch.STREAM)
          .withCacheDir(dir.resolve("cache")), store, Map.of());
      engine.registerCluster(new ClusterRecord("demo", cluster.kubeconfig().toString(), null, null));
      engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", null, null));
    }

    /** Queues one request for the whole tree ({@code forced}: every Kustomization forced) and runs it. */
    List<ReconcileOutcome> run(Dispatch dispatch, String reason, boolean forced) {
      ReconcileRequest request = new ReconcileRequest(reason + "-" + ++requests, ReconcileRequest.KIND_ROOT, "demo",
          "demo", reason, Instant.now().toString(), null, forced, true, forced);
      return dispatch.apply(engine, request);
    }

    @Override
    public void close() {
      engine.close();
      cluster.close();
    }
  }
}
