package io.driftless.testing;

import io.driftless.local.FreshRealApiServers;
import io.driftless.local.KubeletStandIn;
import io.driftless.local.RealApiServer;
import io.driftless.local.SharedRealApiServer;
import io.driftless.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The API servers a test body runs against: the sandbox stand-in and a real kube-apiserver v1.20.2 with
 * the kubelet stand-in marking workloads ready. Test classes are parameterised over it
 * ({@code @ParameterizedClass @EnumSource(TestCluster.class)}) so that one body meets both servers.
 */
public enum TestCluster {
  SANDBOX,
  REAL;

  /**
   * Starts a fresh cluster of this kind (the real one: its own etcd, API server and controller manager
   * in a temporary directory of their own, started ahead of need by {@link FreshRealApiServers} and stopped
   * in the background on close; the sandbox writes its kubeconfig into {@code tmp}). Where no real server
   * can be started the test is aborted (shown as skipped, with one loud line on stderr naming why).
   */
  public Running start(Path tmp) {
    return start(tmp, true);
  }

  /**
   * As {@link #start(Path)}; {@code workloadsBecomeReady=false} leaves workloads as a cluster with no
   * running pods would (the sandbox's simulated controllers off, the real server without the kubelet stand-in).
   */
  public Running start(Path tmp, boolean workloadsBecomeReady) {
    if (this == SANDBOX) {
      SandboxApiServer sandbox = SandboxApiServer.start(0, workloadsBecomeReady);
      return new Running(sandbox.client(), sandbox.writeKubeconfig(tmp.resolve("kubeconfig")), sandbox, null);
    }
    requireReal();
    RealApiServer server = FreshRealApiServers.take();
    KubernetesClient client = server.client();
    return new Running(client, server.kubeconfig(), () -> FreshRealApiServers.release(server),
        workloadsBecomeReady ? KubeletStandIn.start(client) : null);
  }

  /** Aborts the calling test, naming why, when this machine cannot run a real API server. */
  public static void requireReal() {
    String reason = SharedRealApiServer.unavailableReason();
    Assumptions.assumeTrue(reason == null, () -> "real API server unavailable: " + reason);
  }

  /** A started cluster: a client for the test's own checks, and the kubeconfig the engine uses. */
  public static final class Running implements AutoCloseable {
    private final KubernetesClient client;
    private final Path kubeconfig;
    private final AutoCloseable server;
    private final KubeletStandIn kubelet;

    Running(KubernetesClient client, Path kubeconfig, AutoCloseable server, KubeletStandIn kubelet) {
      this.client = client;
      this.kubeconfig = kubeconfig;
      this.server = server;
      this.kubelet = kubelet;
    }

    public KubernetesClient client() {
      return client;
    }

    public Path kubeconfig() {
      return kubeconfig;
    }

    @Override
    public void close() {
      if (kubelet != null) {
        kubelet.close();
      }
      client.close();
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the test cluster", e);
      }
    }
  }
}
