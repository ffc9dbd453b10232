package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.apply.Action;
import io.driftless.local.RealApiServer;
import io.driftless.local.SharedRealApiServer;
import io.driftless.config.DriftlessConfig;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.ObjectId;
import io.driftless.model.Reason;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.testing.TestStores;
import io.driftless.testing.GitRemote;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.serviceAccountName} on a real API server, where RBAC is enforced: a Kustomization applies
 * and prunes as {@code system:serviceaccount:flux-system:<name>}, so what that account may not do
 * fails, and a prune that fails keeps what it could not delete (and what it applied) in the inventory.
 */
class ServiceAccountImpersonationTest {
  @TempDir Path tmp;
  private RealApiServer server;
  private KubernetesClient admin;
  private GitRemote remote;
  private Engine engine;
  private String ns;

  @BeforeEach
  void setUp() {
    server = SharedRealApiServer.get().orElse(null);
    assumeTrue(server != null, "no real API server: " + SharedRealApiServer.unavailableReason());
    admin = server.client();
    ns = "imp-" + UUID.randomUUID().toString().substring(0, 8);
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    engine = Engine.create(DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache")).withDispatch(DriftlessConfig.Dispatch.STREAM), TestStores.inMemory(), Map.of());
    engine.registerCluster(new ClusterRecord("real", server.kubeconfig().toString(), null, null));
    engine.bootstrap(new RootRecord("real", remote.url(), "main", "clusters/real", "real", null, null));
  }

  @AfterEach
  void tearDown() {
    if (server == null) {
      return;
    }
    engine.close();
    remote.close();
    admin.namespaces().withName(ns).delete();
  }

  /** Lets {@code account} (in flux-system) do everything to ConfigMaps in the test namespace, and all but delete Secrets. */
  private void grantAllButDeletingSecrets(String account) {
    admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata().withName(account).endMetadata()
        .withRules(
            new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build(),
            new PolicyRuleBuilder().withApiGroups("").withResources("secrets")
                .withVerbs("get", "list", "watch", "create", "update", "patch").build())
        .build()).create();
    admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(account).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(account).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(account).withNamespace("flux-system").endSubject()
        .build()).create();
  }

  private ReconcileOutcome reconcileApps() {
    return engine.reconcile(ManualReconcile.all()).outcomes().stream()
        .filter(o -> o.kustomization().equals("flux-system/apps")).findFirst().orElseThrow();
  }

  private String secret(String name) {
    return "apiVersion: v1\nkind: Secret\nmetadata: {name: %s, namespace: %s}\nstringData: {value: kept}\n".formatted(name, ns);
  }

  @Test
  void aServiceAccountWithoutRightsAppliesNothing() {
    String account = "nobody-" + ns;
    remote.write("clusters/real/apps.yaml", kustomization("apps", "apps", "  serviceAccountName: " + account + "\n"))
        .write("apps/a.yaml", configMap(ns, "a", "1")).commit("apps as a service account with no rights");

    ReconcileOutcome apps = reconcileApps();

    assertThat(apps.reason()).isEqualTo(Reason.RECONCILIATION_FAILED);
    assertThat(apps.message()).contains("ConfigMap/" + ns + "/a").contains("system:serviceaccount:flux-system:" + account)
        .contains("forbidden");
    assertThat(admin.configMaps().inNamespace(ns).withName("a").get()).isNull();
  }

  @Test
  void aFailedPruneKeepsTheSurvivorsAndWhatItAppliedAndDoesNotReportDeletesTwice() {
    String account = "deployer-" + ns;
    grantAllButDeletingSecrets(account);
    remote.write("clusters/real/apps.yaml", kustomization("apps", "apps", "  serviceAccountName: " + account + "\n"))
        .write("apps/a.yaml", configMap(ns, "a", "1")).write("apps/b.yaml", secret("b")).commit("a and b");
    assertThat(reconcileApps().ready()).isTrue();
    remote.delete("apps/a.yaml").delete("apps/b.yaml").write("apps/c.yaml", configMap(ns, "c", "3")).commit("c instead");

    ReconcileOutcome pruning = reconcileApps();
    ReconcileOutcome retry = engine.reconcile(new ManualReconcile("apps", null, true)).outcomes().stream()
        .filter(o -> o.kustomization().equals("flux-system/apps")).findFirst().orElseThrow();

    ObjectId a = new ObjectId("", "ConfigMap", ns, "a");
    assertThat(pruning.reason()).isEqualTo(Reason.PRUNE_FAILED);
    assertThat(pruning.message()).contains("Secret/" + ns + "/b delete failed (Forbidden)");
    assertThat(pruning.changes().contains(a, Action.DELETED)).isTrue();
    assertThat(admin.configMaps().inNamespace(ns).withName("a").get()).isNull();
    assertThat(admin.configMaps().inNamespace(ns).withName("c").get()).isNotNull();
    assertThat(inventory()).contains(ns + "_c__ConfigMap", ns + "_b__Secret").doesNotContain(ns + "_a__ConfigMap");
    assertThat(retry.reason()).isEqualTo(Reason.PRUNE_FAILED);
    assertThat(retry.changes().entries()).extracting(e -> e.id()).doesNotContain(a);
  }

  private java.util.List<String> inventory() {
    KustomizationStatus s = engine.store().getKustomization("real", "flux-system/apps")
        .map(KustomizationRecord::status).orElseThrow();
    return s.getInventory().stream().map(InventoryEntry::id).toList();
  }
}
