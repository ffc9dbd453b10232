package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.ClusterRecord;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
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
 * when set, acting as {@code system:serviceaccount:<namespace>:<serviceAccountName>} when set (or,
 * without one, as {@code DRIFTLESS_DEFAULT_SERVICE_ACCOUNT} in its namespace when that is set).
 * It never falls back to the registered cluster when a remote one cannot be reached. A HelmRelease
 * is decided the same way ({@link #of(HelmRecord, HelmRelease)}).
 */
final class Targets {
  private static final int MAX_DEPTH = 32;
  private final ReconcileContext ctx;

  Targets(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Where one Kustomization reads its inputs ({@code home}) and where it applies ({@code apply}), and
   * the user {@code apply} acts as ({@code system:serviceaccount:<namespace>:<name>}; empty: Driftless itself).
   */
  record Target(KubernetesClient home, KubernetesClient apply, Optional<String> actingAs) {}

  private record Connection(String key, KubernetesClient client) {}

  Target of(KustomizationRecord rec, Kustomization ks) {
    Connection home = homeOf(rec, 0);
    String own = ks.spec().serviceAccountName();
    // the root is registered by the operator, never read from Git: it acts as Driftless unless it names an account
    Optional<String> account = rec.parent().isEmpty()
        ? Optional.ofNullable(own).filter(a -> !a.isBlank()) : ctx.tenancy().serviceAccount(own);
    return target(home, appliesTo(home, ks), ks.namespace(), account);
  }

  /**
   * Where a HelmRelease reads its valuesFrom and chart-source Secrets ({@code home}: where its
   * parent Kustomization put it) and where it keeps and applies its release ({@code apply}), as
   * helm-controller: the remote cluster of {@code spec.kubeConfig}, as {@code spec.serviceAccountName}.
   */
  Target of(HelmRecord rec, HelmRelease hr) {
    Connection home = homeOf(rec);
    HelmRelease.KubeConfigRef ref = hr.spec().kubeConfig();
    Connection apply = ref == null ? home
        : remote(home, ref.secretRef(), ref.configMapRef() != null, hr.namespace(), hr.subject());
    return target(home, apply, hr.namespace(), ctx.tenancy().serviceAccount(hr.spec().serviceAccountName()));
  }

  /**
   * As {@code account} (its {@code spec.serviceAccountName}, else {@code DRIFTLESS_DEFAULT_SERVICE_ACCOUNT}, Flux's
   * fallback), impersonated; with none, as Driftless.
   */
  private Target target(Connection home, Connection apply, String namespace, Optional<String> account) {
    if (account.isEmpty()) {
      return new Target(home.client(), apply.client(), Optional.empty());
    }
    String user = "system:serviceaccount:" + namespace + ":" + account.get();
    return new Target(home.client(), ctx.clients().impersonating(apply.key(), apply.client(), user), Optional.of(user));
  }

  /** Where a Helm object's Secrets are read: the cluster its parent Kustomization applies to. */
  KubernetesClient home(HelmRecord rec) {
    return homeOf(rec).client();
  }

  private Connection homeOf(HelmRecord rec) {
    Optional<KustomizationRecord> parent = rec.parent().isEmpty()
        ? Optional.empty()
        : ctx.store().getKustomization(rec.cluster(), rec.parent());
    return parent.map(p -> appliesTo(homeOf(p, 0), WorkItems.parse(p))).orElseGet(() -> registered(rec.cluster()));
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
    return remote(home, ref.secretRef(), ref.configMapRef() != null, ks.namespace(), ks.subject());
  }

  /** A kubeconfig comes from {@code secretRef}; {@code configMapRef} (workload identity) is refused by name. */
  static void requireSecretRef(Kustomization.KeyRef secretRef, boolean configMapRef, String object) {
    if (secretRef == null || secretRef.name() == null || secretRef.name().isBlank()) {
      throw failure(object + ": spec.kubeConfig" + (configMapRef
          ? ".configMapRef (workload identity) is not supported; use secretRef" : " needs secretRef.name"));
    }
  }

  /** The cluster of a kubeconfig held in a Secret of {@code namespace} on the home cluster. */
  private Connection remote(Connection home, Kustomization.KeyRef secretRef, boolean configMapRef, String namespace,
      String object) {
    String field = object + ": spec.kubeConfig";
    requireSecretRef(secretRef, configMapRef, object);
    String where = field + ".secretRef: " + ObjectId.subject("Secret", namespace, secretRef.name());
    Map<String, String> data = secretData(home.client(), namespace, secretRef.name(), where);
    List<String> keys = secretRef.key() != null && !secretRef.key().isBlank()
        ? List.of(secretRef.key()) : List.of("value", "value.yaml");
    String dataKey = keys.stream().filter(data::containsKey).findFirst()
        .orElseThrow(() -> failure(where + " has no key " + String.join(" or ", keys)));
    String kubeconfig = new String(Base64.getDecoder().decode(data.get(dataKey)), StandardCharsets.UTF_8);
    Config config = SecretKubeconfig.parse(where + " key " + dataKey, kubeconfig);
    String key = KubeClients.kubeconfigKey(home.key(), kubeconfig);
    try {
      return new Connection(key, ctx.clients().forKubeconfig(key, config));
    } catch (RuntimeException e) {
      throw failure(where + " key " + dataKey + ": its certificate or key data cannot be loaded ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static Map<String, String> secretData(KubernetesClient home, String namespace, String name, String where) {
    Secret secret;
    try {
      secret = home.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw failure(where + " cannot be read: HTTP " + e.getCode());
    }
    if (secret == null) {
      throw failure(where + " not found");
    }
    return secret.getData() == null ? Map.of() : secret.getData();
  }

  private static StageFailure failure(String message) {
    return new StageFailure(Reason.RECONCILIATION_FAILED, message, null);
  }
}
