package io.driftless.pipeline;

import io.driftless.model.ObjectId;
import io.driftless.render.BuildInputs;
import io.driftless.render.decrypt.DecryptionKeys;
import io.driftless.render.substitute.SubstitutionVariables;
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
 * ({@code DRIFTLESS_SOPS_KEYS}: file paths, {@code env:NAME} or Secrets Manager ARNs).
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
      refuseProvider(ks);
      if (decryption.secretRef() != null && decryption.secretRef().name() != null) {
        keys = keys.plus(DecryptionKeys.fromSecretData(secretData(ks, decryption.secretRef().name(), cluster)));
      }
    }
    return new BuildInputs(keys, variables(ks, cluster));
  }

  /** Only SOPS decrypts: another {@code spec.decryption.provider} is refused by name. */
  static void refuseProvider(Kustomization ks) {
    Kustomization.Decryption decryption = ks.spec().decryption();
    if (decryption != null && decryption.provider() != null && !"sops".equals(decryption.provider())) {
      throw new IllegalArgumentException(
          ks.subject() + ": spec.decryption.provider '" + decryption.provider() + "' is not supported (sops is)");
    }
  }

  /** postBuild variables: substituteFrom objects in list order (later wins), then inline substitute. */
  private static Map<String, String> variables(Kustomization ks, KubernetesClient cluster) {
    Kustomization.PostBuild postBuild = ks.spec().postBuild();
    if (postBuild == null) {
      return Map.of();
    }
    List<Map<String, String>> from = new java.util.ArrayList<>();
    if (postBuild.substituteFrom() != null) {
      for (Kustomization.SubstituteReference ref : postBuild.substituteFrom()) {
        Map<String, String> data = substituteFrom(ks, ref, cluster);
        if (data != null) {
          from.add(data);
        }
      }
    }
    return SubstitutionVariables.merge(from, postBuild.substitute() == null ? Map.of() : postBuild.substitute());
  }

  private static Map<String, String> substituteFrom(
      Kustomization ks, Kustomization.SubstituteReference ref, KubernetesClient cluster) {
    String where = ks.subject() + ": spec.postBuild.substituteFrom " + ObjectId.subject(ref.kind(), ks.namespace(), ref.name());
    Map<String, String> data = new LinkedHashMap<>();
    if ("ConfigMap".equals(ref.kind())) {
      var cm = cluster.configMaps().inNamespace(ks.namespace()).withName(ref.name()).get();
      if (cm == null) {
        return missing(where, ref);
      }
      if (cm.getData() != null) {
        data.putAll(cm.getData());
      }
    } else if ("Secret".equals(ref.kind())) {
      Secret secret = cluster.secrets().inNamespace(ks.namespace()).withName(ref.name()).get();
      if (secret == null) {
        return missing(where, ref);
      }
      if (secret.getData() != null) {
        secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8)));
      }
      if (secret.getStringData() != null) {
        data.putAll(secret.getStringData());
      }
    } else {
      throw new IllegalArgumentException(where + ": kind must be ConfigMap or Secret");
    }
    return data;
  }

  private static Map<String, String> missing(String where, Kustomization.SubstituteReference ref) {
    if (Boolean.TRUE.equals(ref.optional())) {
      return null;
    }
    throw new IllegalArgumentException(where + " not found");
  }

  private DecryptionKeys registeredKeys() {
    return DecryptionKeys.fromReferences(registeredKeyRefs, secrets);
  }

  private static Map<String, byte[]> secretData(Kustomization ks, String name, KubernetesClient cluster) {
    Secret secret;
    try {
      secret = cluster.secrets().inNamespace(ks.namespace()).withName(name).get();
    } catch (KubernetesClientException e) {
      throw new IllegalArgumentException(ks.subject() + ": cannot read decryption "
          + ObjectId.subject("Secret", ks.namespace(), name) + ": HTTP " + e.getCode(), e);
    }
    if (secret == null) {
      throw new IllegalArgumentException(
          ks.subject() + ": decryption " + ObjectId.subject("Secret", ks.namespace(), name) + " not found");
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
