package io.driftless.pipeline;

import io.driftless.record.ClusterRecord;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fabric8 client per registered cluster, built from the cluster's kubeconfig reference and kept
 * for the life of the (warm) function.
 */
public final class KubeClients implements AutoCloseable {
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  public KubernetesClient forCluster(ClusterRecord cluster) {
    return clients.computeIfAbsent(cluster.name(), n -> connect(cluster));
  }

  private static KubernetesClient connect(ClusterRecord cluster) {
    if (cluster.kubeconfigPath() == null || cluster.kubeconfigPath().isBlank()) {
      throw new IllegalStateException(
          "cluster " + cluster.name() + ": no kubeconfig path registered (Secrets Manager clusters need AWS)");
    }
    Path path = Path.of(cluster.kubeconfigPath());
    try {
      String content = Files.readString(path);
      Config config = Config.fromKubeconfig(cluster.context(), content, path.toString());
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new IllegalStateException("cluster " + cluster.name() + ": cannot read kubeconfig " + path, e);
    }
  }

  /** Drops a cached client (e.g. after the cluster was re-registered). */
  public void forget(String clusterName) {
    KubernetesClient c = clients.remove(clusterName);
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }
}
