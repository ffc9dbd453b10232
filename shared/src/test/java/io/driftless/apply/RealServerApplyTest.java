package io.driftless.apply;

import io.driftless.local.ApiCalls;
import io.driftless.local.SharedRealApiServer;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;

/**
 * The apply contract against a real kube-apiserver v1.20.2 (with etcd and the controller manager), one
 * per test JVM; each test works in its own namespace. Skipped, loudly, where none can be started.
 */
class RealServerApplyTest extends ApplyContract {

  @BeforeAll
  static void requireRealServer() {
    TestCluster.requireReal();
  }

  @Override
  protected KubernetesClient connect() {
    return SharedRealApiServer.get().orElseThrow().client();
  }

  @Override
  protected KubernetesClient connect(String userAgent) {
    return SharedRealApiServer.get().orElseThrow().client(userAgent);
  }

  @Override
  protected ApiCalls calls() {
    return ApiCalls.real(SharedRealApiServer.get().orElseThrow());
  }

  @Override
  protected void disconnect() {
    client.close();
  }
}
