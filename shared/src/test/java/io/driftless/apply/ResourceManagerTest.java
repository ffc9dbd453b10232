package io.driftless.apply;

import io.driftless.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The apply contract against the in-process sandbox API server, through the real fabric8 client. */
class ResourceManagerTest extends ApplyContract {
  private static SandboxApiServer server;

  @BeforeAll
  static void start() {
    server = SandboxApiServer.start(0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected KubernetesClient connect() {
    return server.client();
  }
}
