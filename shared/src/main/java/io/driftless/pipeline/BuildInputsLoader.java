package io.driftless.pipeline;

import io.driftless.build.BuildInputs;
import io.driftless.build.decrypt.DecryptionKeys;
import io.driftless.model.Kustomization;
import io.driftless.model.SecretResolver;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what a build needs from outside Git, the way kustomize-controller does: the SOPS keys of
 * {@code spec.decryption.secretRef} (a Secret in the Kustomization's namespace on the target
 * cluster, e.g. Flux's {@code sops-age}), plus keys registered with Driftless by reference
 * ({@code DRIFTLESS_SOPS_KEYS}: comma-separated file paths or Secrets Manager ARNs).
 */
final class BuildInputsLoader {
  private final SecretResolver secrets;
  private final List<String> registeredKeyRefs;

  BuildInputsLoader(SecretResolver secrets, List<String> registeredKeyRefs) {
    this.secrets = secrets;
    this.registeredKeyRefs = registeredKeyRefs;
  }

  BuildInputs load(Kustomization ks, KubernetesClient cluster) {
    DecryptionKeys keys = registeredKeys();
    Kustomization.Decryption decryption = ks.spec().decryption();
    if (decryption != null) {
      if (decryption.provider() != null && !"sops".equals(decryption.provider())) {
        throw new IllegalArgumentException(
            "Kustomization " + ks.key() + ": spec.decryption.provider '" + decryption.provider() + "' is not supported (sops is)");
      }
      if (decryption.secretRef() != null && decryption.secretRef().name() != null) {
        keys = keys.plus(DecryptionKeys.fromSecretData(secretData(ks, decryption.secretRef().name(), cluster)));
      }
    }
    return new BuildInputs(keys, Map.of());
  }

  private DecryptionKeys registeredKeys() {
    Map<String, byte[]> data = new LinkedHashMap<>();
    int n = 0;
    for (String ref : registeredKeyRefs) {
      String name = "registered-" + (n++) + (ref.endsWith(".asc") ? ".asc" : ".agekey");
      data.put(name, secrets.resolve(ref));
    }
    return data.isEmpty() ? DecryptionKeys.empty() : DecryptionKeys.fromSecretData(data);
  }

  private static Map<String, byte[]> secretData(Kustomization ks, String name, KubernetesClient cluster) {
    Secret secret;
    try {
      secret = cluster.secrets().inNamespace(ks.namespace()).withName(name).get();
    } catch (KubernetesClientException e) {
      throw new IllegalArgumentException("Kustomization " + ks.key() + ": cannot read decryption Secret "
          + ks.namespace() + "/" + name + ": HTTP " + e.getCode(), e);
    }
    if (secret == null) {
      throw new IllegalArgumentException(
          "Kustomization " + ks.key() + ": decryption Secret " + ks.namespace() + "/" + name + " not found");
    }
    Map<String, byte[]> data = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return data;
  }
}
