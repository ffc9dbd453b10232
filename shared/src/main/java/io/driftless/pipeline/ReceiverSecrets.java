package io.driftless.pipeline;

import io.driftless.model.ObjectId;
import io.driftless.model.Receiver;
import io.driftless.record.ClusterRecord;
import io.driftless.record.ReceiverRecord;
import io.driftless.record.StateStore;
import io.driftless.trigger.ReceiverTokens;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads a Receiver's token where Flux does: key {@code token} of the {@code spec.secretRef} Secret in
 * the Receiver's namespace, on the cluster the Receiver was found for (as SOPS keys are read).
 */
final class ReceiverSecrets implements ReceiverTokens {
  private final StateStore store;
  private final KubeClients clients;

  ReceiverSecrets(StateStore store, KubeClients clients) {
    this.store = store;
    this.clients = clients;
  }

  @Override
  public byte[] token(ReceiverRecord record, Receiver receiver) {
    return token(record.cluster(), receiver);
  }

  byte[] token(String clusterName, Receiver receiver) {
    String where = receiver.subject() + ": spec.secretRef "
        + ObjectId.subject("Secret", receiver.namespace(), receiver.spec().secretRef().name());
    ClusterRecord cluster = store.getCluster(clusterName)
        .orElseThrow(() -> new IllegalArgumentException(where + ": cluster " + clusterName + " is not registered"));
    Secret secret;
    try {
      secret = clients.forCluster(cluster).secrets().inNamespace(receiver.namespace())
          .withName(receiver.spec().secretRef().name()).get();
    } catch (KubernetesClientException e) {
      throw new IllegalArgumentException(where + ": cannot be read: HTTP " + e.getCode(), e);
    }
    if (secret == null) {
      throw new IllegalArgumentException(where + " not found");
    }
    byte[] token = null;
    if (secret.getData() != null && secret.getData().get("token") != null) {
      token = Base64.getDecoder().decode(secret.getData().get("token"));
    } else if (secret.getStringData() != null && secret.getStringData().get("token") != null) {
      token = secret.getStringData().get("token").getBytes(StandardCharsets.UTF_8);
    }
    if (token == null || token.length == 0) {
      throw new IllegalArgumentException(where + ": required key 'token' is missing or empty");
    }
    return token;
  }
}
