package io.driftless.notify;

import io.driftless.model.ObjectId;
import io.driftless.model.SecretResolver;
import io.driftless.record.ClusterRecord;
import io.driftless.record.StateStore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** {@link ProviderSecrets} read with the registered cluster's client, as SOPS decryption Secrets are. */
public final class ClusterSecrets implements ProviderSecrets {
  private final StateStore store;
  private final Function<ClusterRecord, KubernetesClient> clients;
  private final SecretResolver references;

  /**
   * {@code clients} is the engine's per-cluster client ({@code KubeClients::forCluster});
   * {@code references} reads the token references of Providers registered with bootstrap.
   */
  public ClusterSecrets(StateStore store, Function<ClusterRecord, KubernetesClient> clients, SecretResolver references) {
    this.store = store;
    this.clients = clients;
    this.references = references;
  }

  @Override
  public byte[] reference(String ref) {
    return references.resolve(ref);
  }

  @Override
  public Map<String, byte[]> read(String cluster, String namespace, String name) {
    ClusterRecord rec = store.getCluster(cluster)
        .orElseThrow(() -> new IllegalArgumentException("cluster " + cluster + " is not registered"));
    Secret secret;
    try {
      secret = clients.apply(rec).secrets().inNamespace(namespace).withName(name).get();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + ObjectId.subject("Secret", namespace, name) + " on cluster " + cluster
          + ": " + e.getClass().getSimpleName());
    }
    if (secret == null) {
      throw new IllegalArgumentException(ObjectId.subject("Secret", namespace, name) + " not found on cluster " + cluster);
    }
    Map<String, byte[]> data = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return data;
  }
}
