package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.DriftlessConfig;
import io.driftless.record.ClusterRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.dynamo.DynamoOperations;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On AWS each work item is its own invocation: it reads its part of the table (its record, its
 * children and what dependsOn it through the table's indexes), not the whole tree, so what an item
 * reads does not grow with the fleet. Measured in the capacity units DynamoDB reports consumed, the
 * units on-demand billing charges, for a tree's first apply and a push that changes one child.
 * {@code -Dbench=true -Dtest=ItemReadsTest -Dkustomizations=1000} prints the same at any size.
 */
class ItemReadsTest {
  @TempDir Path tmp;

  /** What the items of one wave consumed: its root, and the mean of its children. */
  record Wave(int items, double rootReads, double childReads, double childWrites, double childOperations) {
    @Override
    public String toString() {
      return String.format("%d items; the root item %.1f read units; a child item %.1f read units, %.1f write units, "
          + "%.1f DynamoDB requests", items, rootReads, childReads, childWrites, childOperations);
    }
  }

  /** An idle schedule tick: the tick and the items it queued, all told. */
  record Tick(int items, double reads, double writes, long requests) {
    @Override
    public String toString() {
      return String.format("idle tick: %d items queued; %.1f read units, %.1f write units, %d DynamoDB requests in all",
          items, reads, writes, requests);
    }
  }

  /** A tree's first apply, a push changing one child, an idle tick. */
  record Runs(Wave first, Wave push, Tick tick) {}

  @Test
  void whatAWorkItemReadsDoesNotGrowWithTheTree() throws Exception {
    Runs small = firstApplyAndPush(10);
    Runs large = firstApplyAndPush(Integer.getInteger("kustomizations", 40));
    System.out.printf("[item-reads] first apply, then a push changing one child, then an idle tick%n  small tree: %s%n"
        + "  small tree: %s%n  small tree: %s%n  large tree: %s%n  large tree: %s%n  large tree: %s%n",
        small.first(), small.push(), small.tick(), large.first(), large.push(), large.tick());
    // what grows: the dependents index lists the tree's followers (a tenth of this tree) by key, a few bytes each
    assertThat(large.first().childReads()).as("read units of a child item, %s vs %s", small.first(), large.first())
        .isLessThan(small.first().childReads() * 1.5);
    assertThat(large.push().childReads()).as("read units of a child item, %s vs %s", small.push(), large.push())
        .isLessThan(small.push().childReads() * 1.5);
  }

  /** A tree of {@code children} Kustomizations under the root: its first apply, then a push changing one child. */
  private Runs firstApplyAndPush(int children) throws Exception {
    Path dir = tmp.resolve("fleet-" + children);
    try (GitRemote remote = GitRemote.create(dir.resolve("repo"), "main");
        TestCluster.Running cluster = TestCluster.SANDBOX.start(dir);
        DynamoStateStore store = TestStores.inMemory();
        Engine engine = Engine.create(DriftlessConfig.defaults().withDispatch(DriftlessConfig.Dispatch.STREAM)
            .withCacheDir(dir.resolve("cache")), store, Map.of())) {
      for (int i = 0; i < children; i++) {
        remote.write("clusters/demo/app-" + i + ".yaml", kustomization("app-" + i, "apps/" + i,
            i > 0 && i % 10 == 0 ? "  dependsOn:\n    - name: app-" + (i - 1) + "\n" : ""));
        remote.write("apps/" + i + "/cm.yaml", configMap("default", "app-" + i, "v1"));
      }
      remote.commit("fleet");
      engine.registerCluster(new ClusterRecord("demo", cluster.kubeconfig().toString(), null, null));
      engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", null, null));
      Wave first = run(engine, store, "bootstrap");
      remote.write("apps/0/cm.yaml", configMap("default", "app-0", "v2")).commit("push");
      Wave push = run(engine, store, "push");
      return new Runs(first, push, tick(engine, store));
    }
  }

  /** A schedule tick ten minutes on with nothing due: the tick and every item it queues, in read units. */
  static Tick tick(Engine engine, DynamoStateStore store) {
    DynamoOperations ops = store.operations();
    double reads = ops.readUnits();
    double writes = ops.writeUnits();
    long operations = ops.reads() + ops.writes();
    List<String> ids = new ArrayList<>(engine.tick(Instant.now().plusSeconds(60)).queued());
    int items = 0;
    while (!ids.isEmpty()) {
      ids.addAll(engine.work(List.of(ids.remove(0))).queued());
      items++;
    }
    return new Tick(items, ops.readUnits() - reads, ops.writeUnits() - writes, ops.reads() + ops.writes() - operations);
  }

  /** Runs a whole-tree request as the work function does, one queued item per call, counting each item's operations. */
  static Wave run(Engine engine, DynamoStateStore store, String reason) {
    DynamoOperations ops = store.operations();
    ReconcileRequest request = new ReconcileRequest(reason, ReconcileRequest.KIND_ROOT, "demo", "demo", reason,
        Instant.now().toString(), null, false, true, false);
    assertThat(store.enqueue(request)).isTrue();
    FanOutReport fanOut = engine.work(List.of(request.id()));
    List<String> ids = new ArrayList<>(fanOut.queued());
    assertThat(ids).hasSize(1);
    double rootReads = 0;
    double childReads = 0;
    double childWrites = 0;
    long childOperations = 0;
    int items = 0;
    while (!ids.isEmpty()) {
      String id = ids.remove(0);
      double reads = ops.readUnits();
      double writes = ops.writeUnits();
      long operations = ops.reads() + ops.writes();
      FanOutReport report = engine.work(List.of(id));
      assertThat(report.failed()).isEmpty();
      ids.addAll(report.queued());
      if (items++ == 0) {
        rootReads = ops.readUnits() - reads;
      } else {
        childReads += ops.readUnits() - reads;
        childWrites += ops.writeUnits() - writes;
        childOperations += ops.reads() + ops.writes() - operations;
      }
    }
    int children = Math.max(1, items - 1);
    return new Wave(items, rootReads, childReads / children, childWrites / children, (double) childOperations / children);
  }
}
