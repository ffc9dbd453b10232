package io.driftless.sandbox;

import static io.driftless.sandbox.SandboxServerSideApplyTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** fabric8's waits run on informers (list + WebSocket watch), so the sandbox must serve watches. */
class SandboxWatchTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec: {replicas: 2, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: 'nginx:1'}]}}}
      """;

  @Test
  void waitUntilReadySeesTheSimulatedControllersStatus() {
    try (SandboxApiServer server = SandboxApiServer.start(0)) {
      KubernetesClient client = server.client();
      client.resource(load(DEPLOYMENT)).fieldManager("t").serverSideApply();

      Deployment ready = client.apps().deployments().inNamespace("default").withName("web").waitUntilReady(10, TimeUnit.SECONDS);

      assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(2);
    }
  }

  @Test
  void aWaitingClientIsToldWhenTheStatusChanges() throws Exception {
    try (SandboxApiServer server = SandboxApiServer.start(0, false)) {
      KubernetesClient client = server.client();
      client.resource(load(DEPLOYMENT)).fieldManager("t").serverSideApply();
      var web = client.apps().deployments().inNamespace("default").withName("web");

      CompletableFuture<Deployment> waiting = CompletableFuture.supplyAsync(() -> web.waitUntilCondition(
          d -> d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()), 20, TimeUnit.SECONDS));
      Deployment live = web.get();
      live.setStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(2).build());
      client.apps().deployments().inNamespace("default").resource(live).updateStatus();

      assertThat(waiting.get(20, TimeUnit.SECONDS).getStatus().getReadyReplicas()).isEqualTo(2);
    }
  }
}
