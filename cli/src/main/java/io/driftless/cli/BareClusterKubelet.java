package io.driftless.cli;

import io.driftless.local.KubeletStandIn;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * For the demo on a bare control plane (a real API server with no nodes, such as infra/local's): the
 * kubelet stand-in marks workloads ready, so {@code wait: true} can pass. Says so when it starts; on a
 * cluster with nodes, or on the sandbox (which simulates its own controllers), it does nothing.
 */
final class BareClusterKubelet implements AutoCloseable {
  private final KubernetesClient client;
  private final Optional<KubeletStandIn> standIn;

  private BareClusterKubelet(KubernetesClient client, Optional<KubeletStandIn> standIn) {
    this.client = client;
    this.standIn = standIn;
  }

  static BareClusterKubelet startIfNodeless(Path kubeconfig, String context, PrintWriter out) throws IOException {
    if (kubeconfig == null) {
      return new BareClusterKubelet(null, Optional.empty());
    }
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString())).build();
    Optional<KubeletStandIn> standIn = KubeletStandIn.startIfNodeless(client);
    standIn.ifPresent(s -> out.println(
        "   this cluster has no nodes: a kubelet stand-in marks its workloads ready (nothing runs)"));
    return new BareClusterKubelet(client, standIn);
  }

  @Override
  public void close() {
    standIn.ifPresent(KubeletStandIn::close);
    if (client != null) {
      client.close();
    }
  }
}
