package io.driftless.testing;

import io.driftless.config.DriftlessConfig;
import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an end-to-end test needs, all real parts: the sandbox API server as cluster "demo",
 * DynamoDB Local as the store, and an engine with that cluster registered.
 */
public final class LocalFleet implements AutoCloseable {
  private final SandboxApiServer sandbox;
  private final StateStore store;
  private final Engine engine;

  private LocalFleet(SandboxApiServer sandbox, StateStore store, Engine engine) {
    this.sandbox = sandbox;
    this.store = store;
    this.engine = engine;
  }

  public static LocalFleet start(Path tmp) {
    SandboxApiServer sandbox = SandboxApiServer.start(0);
    StateStore store = TestStores.inMemory();
    Engine engine = Engine.create(
        DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache")).withDispatch(DriftlessConfig.Dispatch.STREAM),
        store, Map.of());
    Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
    engine.registerCluster(new ClusterRecord("demo", kubeconfig.toString(), null, null));
    return new LocalFleet(sandbox, store, engine);
  }

  /** Bootstraps root "demo" on cluster "demo" from {@code clusters/demo} of the repository. */
  public LocalFleet bootstrap(GitRemote remote, String webhookSecretFile) {
    engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", webhookSecretFile, null));
    return this;
  }

  public KubernetesClient kube() {
    return sandbox.client();
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
    sandbox.close();
  }
}
