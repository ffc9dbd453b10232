package io.driftless.testing;

import io.driftless.config.DriftlessConfig;
import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.source.SourceFetcher;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything an end-to-end test needs, all real parts: the sandbox or a real API server as cluster "demo",
 * DynamoDB Local as the store, and an engine with that cluster registered.
 */
public final class LocalFleet implements AutoCloseable {
  private final TestCluster.Running cluster;
  private final StateStore store;
  private final Engine engine;

  private LocalFleet(TestCluster.Running cluster, StateStore store, Engine engine) {
    this.cluster = cluster;
    this.store = store;
    this.engine = engine;
  }

  /** A fleet on the sandbox. */
  public static LocalFleet start(Path tmp) {
    return start(tmp, TestCluster.SANDBOX);
  }

  /** A fleet whose cluster "demo" is a fresh server of the given kind. */
  public static LocalFleet start(Path tmp, TestCluster kind) {
    return start(tmp, kind, TestStores.inMemory());
  }

  /** The same over a given store (e.g. one that makes a write lose a race). */
  public static LocalFleet start(Path tmp, StateStore store) {
    return start(tmp, TestCluster.SANDBOX, store);
  }

  /** A fleet on a fresh server of the given kind, over a given store. */
  public static LocalFleet start(Path tmp, TestCluster kind, StateStore store) {
    return start(tmp, kind, store, UnaryOperator.identity());
  }

  /** As {@link #start(Path, TestCluster, StateStore)}, the engine's Git fetcher wrapped by {@code fetchers}. */
  public static LocalFleet start(Path tmp, TestCluster kind, StateStore store, UnaryOperator<SourceFetcher> fetchers) {
    return start(tmp, kind, store, fetchers, UnaryOperator.identity());
  }

  /** A fleet on a fresh server of the given kind whose engine's configuration {@code config} edits (the lockdown keys, say). */
  public static LocalFleet start(Path tmp, TestCluster kind, UnaryOperator<DriftlessConfig> config) {
    return start(tmp, kind, TestStores.inMemory(), UnaryOperator.identity(), config);
  }

  private static LocalFleet start(Path tmp, TestCluster kind, StateStore store, UnaryOperator<SourceFetcher> fetchers,
      UnaryOperator<DriftlessConfig> config) {
    TestCluster.Running cluster = kind.start(tmp);
    Engine engine = Engine.create(config.apply(
        DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache")).withDispatch(DriftlessConfig.Dispatch.STREAM)),
        store, Map.of(), fetchers);
    engine.registerCluster(new ClusterRecord("demo", cluster.kubeconfig().toString(), null, null));
    return new LocalFleet(cluster, store, engine);
  }

  /** Bootstraps root "demo" on cluster "demo" from {@code clusters/demo} of the repository. */
  public LocalFleet bootstrap(GitRemote remote, String webhookSecretFile) {
    engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", webhookSecretFile, null));
    return this;
  }

  /** A GitHub push of {@code commit} to main, signed with {@code secret}, accepted and run to the end. */
  public void push(GitRemote remote, String secret, String commit) {
    var response = engine.webhook(SignedPush.request(secret, SignedPush.body(remote.url(), "main", commit)));
    if (response.status() != 202) {
      throw new AssertionError("the push webhook answered " + response.status());
    }
    engine.drainPending();
  }

  public KubernetesClient kube() {
    return cluster.client();
  }

  public StateStore store() {
    return store;
  }

  public Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    engine.close();
    cluster.close();
  }
}
