package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.model.Yaml;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, the way kustomize-controller does, which cluster a Kustomization reads its Secrets and
 * ConfigMaps from (the cluster its parent applies to: where Flux would have put the Kustomization
 * object) and which cluster, as whom, it applies to: the remote cluster of {@code spec.kubeConfig}
 * when set, acting as {@code system:serviceaccount:<namespace>:<serviceAccountName>} when set.
 * It never falls back to the registered cluster when a remote one cannot be reached.
 */
final class Targets {
  private static final int MAX_DEPTH = 32;
  private final ReconcileContext ctx;

  Targets(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  /** Where one Kustomization reads its inputs ({@code home}) and where it applies ({@code apply}). */
  record Target(KubernetesClient home, KubernetesClient apply) {}

  private record Connection(String key, KubernetesClient client) {}

  Target of(KustomizationRecord rec, Kustomization ks) {
    Connection home = homeOf(rec, 0);
    Connection apply = appliesTo(home, ks);
    String sa = ks.spec().serviceAccountName();
    if (sa != null && !sa.isBlank()) {
      String user = "system:serviceaccount:" + ks.namespace() + ":" + sa;
      return new Target(home.client(), ctx.clients().impersonating(apply.key(), apply.client(), user));
    }
    return new Target(home.client(), apply.client());
  }

  private Connection homeOf(KustomizationRecord rec, int depth) {
    Optional<KustomizationRecord> parent = rec.parent().isEmpty() || depth > MAX_DEPTH
        ? Optional.empty()
        : ctx.store().getKustomization(rec.cluster(), rec.parent());
    if (parent.isEmpty()) {
      return registered(rec.cluster());
    }
    return appliesTo(homeOf(parent.get(), depth + 1), WorkItems.parse(parent.get()));
  }

  private Connection registered(String name) {
    ClusterRecord cluster = ctx.store().getCluster(name)
        .orElseThrow(() -> failure("cluster " + name + " is not registered"));
    return new Connection(name, ctx.clients().forCluster(cluster));
  }

  private Connection appliesTo(Connection home, Kustomization ks) {
    Kustomization.KubeConfigRef ref = ks.spec().kubeConfig();
    if (ref == null) {
      return home;
    }
    String field = "Kustomization " + ks.key() + ": spec.kubeConfig";
    if (ref.secretRef() == null || ref.secretRef().name() == null || ref.secretRef().name().isBlank()) {
      throw failure(field + ".configMapRef (workload identity) is not supported; use secretRef");
    }
    String kubeconfig = kubeconfig(home.client(), ks, ref.secretRef(), field + ".secretRef");
    String key = KubeClients.kubeconfigKey(home.key(), kubeconfig);
    return new Connection(key, ctx.clients().forKubeconfig(key, kubeconfig));
  }

  private static String kubeconfig(KubernetesClient home, Kustomization ks, Kustomization.KeyRef ref, String field) {
    String where = field + ": Secret " + ks.namespace() + "/" + ref.name();
    Secret secret;
    try {
      secret = home.secrets().inNamespace(ks.namespace()).withName(ref.name()).get();
    } catch (KubernetesClientException e) {
      throw failure(where + " cannot be read: HTTP " + e.getCode());
    }
    if (secret == null) {
      throw failure(where + " not found");
    }
    List<String> keys = ref.key() != null && !ref.key().isBlank() ? List.of(ref.key()) : List.of("value", "value.yaml");
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    String encoded = keys.stream().map(data::get).filter(v -> v != null).findFirst()
        .orElseThrow(() -> failure(where + " has no key " + String.join(" or ", keys)));
    String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    refuseExec(where + " key " + keys.stream().filter(data::containsKey).findFirst().orElse(keys.get(0)), text);
    return text;
  }

  /** As Flux without {@code --insecure-kubeconfig-exec}: a kubeconfig from Git's world never runs a command. */
  private static void refuseExec(String where, String text) {
    List<Map<String, Object>> docs = Yaml.readDocuments(where, text);
    for (Map<String, Object> doc : docs) {
      if (doc.get("users") instanceof List<?> users) {
        for (Object u : users) {
          if (u instanceof Map<?, ?> named && named.get("user") instanceof Map<?, ?> user
              && (user.containsKey("exec") || user.containsKey("auth-provider"))) {
            throw failure(where + ": users[].user.exec and auth-provider are not supported, as in Flux");
          }
        }
      }
    }
  }

  private static StageFailure failure(String message) {
    return new StageFailure(Reason.RECONCILIATION_FAILED, message, null);
  }
}
