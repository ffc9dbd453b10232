package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.config.DriftlessConfig;
import io.driftless.config.Tenancy;
import io.driftless.local.RealApiServer;
import io.driftless.local.SharedRealApiServer;
import io.driftless.model.Reason;
import io.driftless.record.ClusterRecord;
import io.driftless.record.RootRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestStores;
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
 * {@code DRIFTLESS_DEFAULT_SERVICE_ACCOUNT} on a real API server, where RBAC is enforced, as the owner
 * of a tenant namespace meets it: their Kustomization names no account, so it acts as {@code
 * system:serviceaccount:<tenant>:tenant}, which may write ConfigMaps and Kustomizations in the tenant's
 * namespace only. A write outside it is refused by the API server; a Flux object declared outside it
 * (which Driftless records rather than applies) is refused before anything is applied. Without the key
 * the same Git is applied with Driftless's own credentials, as before.
 */
class DefaultServiceAccountTest {
  private static final String CANARY = "canary-outside-the-tenant-9b2e";
  @TempDir Path tmp;
  private RealApiServer server;
  private KubernetesClient admin;
  private GitRemote remote;
  private Engine engine;
  private String tenant;
  private String other;

  @BeforeEach
  void setUp() {
    server = SharedRealApiServer.get().orElse(null);
    assumeTrue(server != null, "no real API server: " + SharedRealApiServer.unavailableReason());
    admin = server.client();
    String id = UUID.randomUUID().toString().substring(0, 8);
    tenant = "tenant-" + id;
    other = "other-" + id;
    for (String ns : new String[] {tenant, other}) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    grantTheTenantItsNamespace();
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/real/tenant.yaml", tenantKustomization("apps", tenant))
        .write("tenants/apps/ok.yaml", configMap(tenant, "ok", "mine"));
  }

  /** A Kustomization {@code <namespace>/<name>} of {@code ./tenants/<name>} in the root's repository, naming no account. */
  private static String tenantKustomization(String name, String namespace) {
    return """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: %s, namespace: %s}
        spec:
          interval: 10m
          path: ./tenants/%s
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
        """.formatted(name, namespace, name);
  }

  private void start(Tenancy tenancy) {
    engine = Engine.create(DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache"))
        .withDispatch(DriftlessConfig.Dispatch.STREAM).withTenancy(tenancy), TestStores.inMemory(), Map.of());
    engine.registerCluster(new ClusterRecord("real", server.kubeconfig().toString(), null, null));
    engine.bootstrap(new RootRecord("real", remote.url(), "main", "clusters/real", "real", null, null));
  }

  @AfterEach
  void tearDown() {
    if (server == null) {
      return;
    }
    if (engine != null) {
      engine.close();
    }
    remote.close();
    admin.namespaces().withName(tenant).delete();
    admin.namespaces().withName(other).delete();
  }

  /** The account {@code tenant} of the tenant's namespace may do anything to ConfigMaps and Kustomizations there. */
  private void grantTheTenantItsNamespace() {
    admin.rbac().roles().inNamespace(tenant).resource(new RoleBuilder().withNewMetadata().withName("tenant").endMetadata()
        .withRules(
            new PolicyRuleBuilder().withApiGroups("").withResources("configmaps").withVerbs("*").build(),
            new PolicyRuleBuilder().withApiGroups("kustomize.toolkit.fluxcd.io").withResources("kustomizations")
                .withVerbs("*").build())
        .build()).create();
    admin.rbac().roleBindings().inNamespace(tenant).resource(new RoleBindingBuilder()
        .withNewMetadata().withName("tenant").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("tenant").endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName("tenant").withNamespace(tenant).endSubject()
        .build()).create();
  }

  private ReconcileOutcome reconcileTenant() {
    return engine.reconcile(ManualReconcile.all()).outcomes().stream()
        .filter(o -> o.kustomization().equals(tenant + "/apps")).findFirst().orElseThrow();
  }

  @Test
  void aKustomizationWithoutAnAccountActsAsTheDefaultAndCannotWriteOutsideItsNamespace() {
    start(Tenancy.OPEN.withDefaultServiceAccount("tenant"));
    remote.write("tenants/apps/evil.yaml", configMap(other, "evil", CANARY)).commit("a write outside the tenant");

    ReconcileOutcome apps = reconcileTenant();

    assertThat(apps.reason()).isEqualTo(Reason.RECONCILIATION_FAILED);
    assertThat(apps.message()).doesNotContain("\n").contains("ConfigMap/" + other + "/evil")
        .contains("system:serviceaccount:" + tenant + ":tenant").contains("forbidden").doesNotContain(CANARY);
    assertThat(admin.configMaps().inNamespace(other).withName("evil").get()).isNull();
  }

  @Test
  void aFluxObjectTheAccountMayNotWriteIsNotRecordedAndNothingIsApplied() {
    start(Tenancy.OPEN.withDefaultServiceAccount("tenant"));
    remote.write("tenants/apps/takeover.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: takeover, namespace: flux-system}
            spec:
              interval: 10m
              path: ./clusters/real
              prune: true
              sourceRef: {kind: GitRepository, name: flux-system}
            """)
        .write("tenants/apps/child.yaml", tenantKustomization("child", tenant))
        .write("tenants/child/mine.yaml", configMap(tenant, "child", "mine"))
        .commit("a Kustomization in flux-system, declared by the tenant");

    ReconcileOutcome refused = reconcileTenant();

    assertThat(refused.reason()).isEqualTo(Reason.RECONCILIATION_FAILED);
    assertThat(refused.message()).isEqualTo("Kustomization/" + tenant + "/apps: Kustomization/flux-system/takeover"
        + " is refused: system:serviceaccount:" + tenant + ":tenant may not create"
        + " kustomizations.kustomize.toolkit.fluxcd.io in namespace flux-system"
        + " (Flux objects are recorded, not applied, so Driftless asks RBAC first)");
    assertThat(engine.store().getKustomization("real", "flux-system/takeover")).isEmpty();
    assertThat(engine.store().getKustomization("real", tenant + "/child")).isEmpty();
    assertThat(admin.configMaps().inNamespace(tenant).withName("ok").get()).as("nothing applied").isNull();

    remote.delete("tenants/apps/takeover.yaml").commit("only what the tenant may write");
    ReconcileOutcome allowed = reconcileTenant();

    assertThat(allowed.ready()).as(allowed.message()).isTrue();
    assertThat(engine.store().getKustomization("real", tenant + "/child")).isPresent();
    assertThat(admin.configMaps().inNamespace(tenant).withName("ok").get()).isNotNull();
  }

  @Test
  void withoutTheKeyTheSameGitIsAppliedWithDriftlesssOwnCredentials() {
    start(Tenancy.OPEN);
    remote.write("tenants/apps/evil.yaml", configMap(other, "evil", "written as before")).commit("one tenant");

    ReconcileOutcome apps = reconcileTenant();

    assertThat(apps.ready()).as(apps.message()).isTrue();
    assertThat(admin.configMaps().inNamespace(other).withName("evil").get()).isNotNull();
  }
}
