package io.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.InventoryEntry;
import io.driftless.model.ObjectId;
import io.driftless.sandbox.SandboxApiServer;
import io.driftless.local.ApiCalls;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  @Override
  protected KubernetesClient connect(String userAgent) {
    return server.client(userAgent);
  }

  @Override
  protected ApiCalls calls() {
    return ApiCalls.sandbox(server);
  }

  @Test
  void objectsThatCannotBeDeletedSurviveInThePruneException() {
    SandboxApiServer gone = SandboxApiServer.start(0);
    String url = gone.url();
    gone.close();
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withRequestRetryBackoffLimit(0).build();
    InventoryEntry stale = InventoryEntry.of(new ObjectId("", "ConfigMap", "apps", "web"), "v1");

    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
      assertThatThrownBy(() -> new ResourceManager(unreachable).prune(List.of(stale), OWNER))
          .isInstanceOfSatisfying(PruneException.class, e -> {
            assertThat(e.survivors()).containsExactly(stale);
            assertThat(e.getMessage()).contains("ConfigMap/apps/web delete failed");
            assertThat(e.partial().entries()).isEmpty();
          });
    }
  }
}
