package io.driftless.pipeline;

import io.driftless.config.DriftlessConfig;
import io.driftless.model.SecretResolver;
import io.driftless.record.ClusterRecord;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One fabric8 client per registered cluster, built from the cluster's kubeconfig reference (a path,
 * or a Secrets Manager ARN holding the kubeconfig) and kept for the life of the (warm) function; plus
 * the clients Flux builds per Kustomization: a remote cluster's ({@code spec.kubeConfig}) and an
 * impersonating one ({@code spec.serviceAccountName}).
 */
public final class KubeClients implements AutoCloseable {
  /** The user agent of every request the engine sends, so an API server's audit log tells them apart. */
  public static final String USER_AGENT = "driftless";
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
  private final SecretResolver secrets;
  private final DriftlessConfig.Throughput throughput;
  private final ApiRequestCounter requests = new ApiRequestCounter();

  /** Clients with Driftless's default rate limit. */
  public KubeClients(SecretResolver secrets) {
    this(secrets, DriftlessConfig.defaults().throughput());
  }

  /** Clients whose requests {@code throughput}'s QPS and burst limit, each client on its own. */
  public KubeClients(SecretResolver secrets, DriftlessConfig.Throughput throughput) {
    this.secrets = secrets;
    this.throughput = throughput;
  }

  public KubernetesClient forCluster(ClusterRecord cluster) {
    return clients.computeIfAbsent(cluster.name(), n -> connect(cluster));
  }

  /**
   * The cache key of a kubeconfig held in a Secret: its digest, under the registered cluster it was
   * read from (so re-registering that cluster drops it).
   */
  static String kubeconfigKey(String readFrom, String kubeconfig) {
    return readFrom + "|kubeconfig:" + digest(kubeconfig);
  }

  /**
   * A client for a kubeconfig held in a Secret, cached under {@code key}: {@code config} as {@link
   * SecretKubeconfig} built it, never fabric8's kubeconfig loader, which reads files and the environment.
   */
  KubernetesClient forKubeconfig(String key, Config config) {
    return cached(key, () -> config);
  }

  /** The same connection as {@code base}, acting as {@code user} (Kubernetes impersonation). */
  KubernetesClient impersonating(String baseKey, KubernetesClient base, String user) {
    return cached(baseKey + "|as:" + user,
        () -> new ConfigBuilder(base.getConfiguration()).withImpersonateUsername(user).build());
  }

  private KubernetesClient cached(String key, Supplier<Config> config) {
    return clients.computeIfAbsent(key, k -> build(config.get()));
  }

  private KubernetesClient connect(ClusterRecord cluster) {
    if (cluster.secretArn() != null && !cluster.secretArn().isBlank()) {
      String content = new String(secrets.resolve(cluster.secretArn()), StandardCharsets.UTF_8);
      return build(Config.fromKubeconfig(cluster.context(), content, null));
    }
    if (cluster.kubeconfigPath() == null || cluster.kubeconfigPath().isBlank()) {
      throw new IllegalStateException("cluster " + cluster.name() + ": neither a kubeconfig path nor a secret ARN is registered");
    }
    Path path = Path.of(cluster.kubeconfigPath());
    try {
      String content = Files.readString(path);
      return build(Config.fromKubeconfig(cluster.context(), content, path.toString()));
    } catch (IOException e) {
      throw new IllegalStateException("cluster " + cluster.name() + ": cannot read kubeconfig " + path, e);
    }
  }

  /** Every request these clients have sent. */
  public ApiRequestCounter requests() {
    return requests;
  }

  /** A client whose requests carry Driftless's user agent (as the audit log shows it) and its own rate limit. */
  private KubernetesClient build(Config config) {
    config.setUserAgent(USER_AGENT);
    ApiRateLimit limit = new ApiRateLimit(throughput.kubeApiQps(), throughput.kubeApiBurst());
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientBuilderConsumer(b -> b
            .addOrReplaceInterceptor(ApiRateLimit.NAME, limit)
            .addOrReplaceInterceptor(ApiRequestCounter.NAME, requests))
        .build();
  }

  /** Drops a cached client, and every client derived from it (e.g. after the cluster was re-registered). */
  public void forget(String clusterName) {
    clients.keySet().removeIf(key -> {
      boolean derived = key.equals(clusterName) || key.startsWith(clusterName + "|");
      if (derived) {
        KubernetesClient c = clients.get(key);
        if (c != null) {
          c.close();
        }
      }
      return derived;
    });
  }

  private static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }
}
