package io.driftless.functions;

import io.driftless.config.DriftlessConfig;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The engine's configuration keys as Quarkus configuration: {@code driftless.data-dir} in
 * application.properties or a test profile, {@code DRIFTLESS_DATA_DIR} in the environment (as on
 * Lambda). Values are text here; {@link #config()} gives them to {@link DriftlessConfig}, which holds
 * the defaults and parses, so the CLI and the functions read every key the same way.
 */
@ConfigMapping(prefix = "driftless")
public interface DriftlessSettings {
  Optional<String> table();

  Optional<String> dataDir();

  Optional<String> dynamodbEndpoint();

  Optional<String> cacheDir();

  Optional<String> dispatch();

  Optional<String> gitTimeout();

  Optional<String> sopsKeys();

  Optional<String> workers();

  Optional<String> leaseTtl();

  Optional<String> drainInterval();

  Optional<String> concurrency();

  Optional<String> clusterConcurrency();

  Optional<String> kubeApiQps();

  Optional<String> kubeApiBurst();

  Optional<String> noCrossNamespaceRefs();

  Optional<String> defaultServiceAccount();

  Optional<String> noRemoteBases();

  Optional<String> defaultDecryptionServiceAccount();

  Optional<String> notifyAllowPrivateNetworks();

  /** The bearer token the HTTP app's function routes need; only functions/http reads it. */
  Optional<String> apiToken();

  /** The typed configuration; a key {@link DriftlessConfig.Key} adds and this mapping lacks does not compile. */
  default DriftlessConfig config() {
    return DriftlessConfig.read(key -> switch (key) {
      case TABLE -> table();
      case DATA_DIR -> dataDir();
      case DYNAMODB_ENDPOINT -> dynamodbEndpoint();
      case CACHE_DIR -> cacheDir();
      case DISPATCH -> dispatch();
      case GIT_TIMEOUT -> gitTimeout();
      case SOPS_KEYS -> sopsKeys();
      case WORKERS -> workers();
      case LEASE_TTL -> leaseTtl();
      case DRAIN_INTERVAL -> drainInterval();
      case CONCURRENCY -> concurrency();
      case CLUSTER_CONCURRENCY -> clusterConcurrency();
      case KUBE_API_QPS -> kubeApiQps();
      case KUBE_API_BURST -> kubeApiBurst();
      case NO_CROSS_NAMESPACE_REFS -> noCrossNamespaceRefs();
      case DEFAULT_SERVICE_ACCOUNT -> defaultServiceAccount();
      case NO_REMOTE_BASES -> noRemoteBases();
      case DEFAULT_DECRYPTION_SERVICE_ACCOUNT -> defaultDecryptionServiceAccount();
      case NOTIFY_ALLOW_PRIVATE_NETWORKS -> notifyAllowPrivateNetworks();
      case API_TOKEN -> apiToken();
    });
  }
}
