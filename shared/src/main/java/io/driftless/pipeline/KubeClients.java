package io.driftless.pipeline;

import io.driftless.model.SecretResolver;
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
 * One fabric8 client per registered cluster, built from the cluster's kubeconfig reference (a path,
 * or a Secrets Manager ARN holding the kubeconfig) and kept for the life of the (warm) function.
 */
public final class KubeClients implements AutoCloseable {
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
  private final SecretResolver secrets;

  public KubeClients(SecretResolver secrets) {
    this.secrets = secrets;
  }

  public KubernetesClient forCluster(ClusterRecord cluster) {
    return clients.computeIfAbsent(cluster.name(), n -> connect(cluster));
  }

  private KubernetesClient connect(ClusterRecord cluster) {
    if (cluster.secretArn() != null && !cluster.secretArn().isBlank()) {
      String content = new String(secrets.resolve(cluster.secretArn()), java.nio.charset.StandardCharsets.UTF_8);
      Config config = Config.fromKubeconfig(cluster.context(), content, null);
      return new KubernetesClientBuilder().withConfig(config).build();
    }
    if (cluster.kubeconfigPath() == null || cluster.kubeconfigPath().isBlank()) {
      throw new IllegalStateException("cluster " + cluster.name() + ": neither a kubeconfig path nor a secret ARN is registered");
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
