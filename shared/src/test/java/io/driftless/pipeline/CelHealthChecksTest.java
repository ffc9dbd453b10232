package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flux's CEL fields on a Kustomization, on the sandbox and a real API server: {@code healthCheckExprs}
 * deciding the health of a custom resource served by a CRD (cert-manager's ClusterIssuer, with the
 * expressions onedr0p/home-ops uses) as the test moves its status, an expression that does not parse
 * stalling the Kustomization, and a {@code dependsOn[].readyExpr} gating a dependent.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class CelHealthChecksTest {
  static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: clusterissuers.cert-manager.io}
      spec:
        group: cert-manager.io
        scope: Cluster
        names: {plural: clusterissuers, singular: clusterissuer, kind: ClusterIssuer, listKind: ClusterIssuerList}
        versions:
        - name: v1
          served: true
          storage: true
          subresources: {status: {}}
          schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
      """;
  static final String ISSUER = """
      apiVersion: cert-manager.io/v1
      kind: ClusterIssuer
      metadata: {name: letsencrypt-production}
      spec:
        acme: {server: https://acme-v02.api.letsencrypt.org/directory}
      """;
  /** onedr0p/home-ops's rules for cert-manager's ClusterIssuer, as spec lines indented by two spaces. */
  static final String ISSUER_EXPRS = """
        healthCheckExprs:
          - apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            failed: status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')
            current: status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')
      """;
  private static final String EXPRS = "  wait: true\n  timeout: 0s\n" + ISSUER_EXPRS;

  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;

  @AfterEach
  void tearDown() {
    if (fleet != null) {
      fleet.close();
    }
    if (remote != null) {
      remote.close();
    }
  }

  private void start(String issuersSpec) {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    remote        .write("clusters/demo/issuers.yaml", kustomization("issuers", "issuers", issuersSpec))
        .write("issuers/crd.yaml", CRD)
        .write("issuers/issuer.yaml", ISSUER)
        .commit("a ClusterIssuer with CEL health rules");
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);
  }

  private Condition reconcile(String key) {
    fleet.engine().reconcile(ManualReconcile.all());
    return ready(key);
  }

  private Condition ready(String key) {
    KustomizationStatus s = fleet.store().getKustomization("demo", key).map(KustomizationRecord::status).orElseThrow();
    return s.condition(Condition.READY).orElseThrow();
  }

  private void issuerReady(String status) {
    issuerReady(fleet.kube(), status);
  }

  /** Sets the Ready condition of ClusterIssuer letsencrypt-production, as cert-manager would. */
  static void issuerReady(io.fabric8.kubernetes.client.KubernetesClient kube, String status) {
    GenericKubernetesResource issuer = kube.genericKubernetesResources("cert-manager.io/v1", "ClusterIssuer")
        .withName("letsencrypt-production").get();
    issuer.setAdditionalProperty("status", Map.of("conditions",
        List.of(Map.of("type", "Ready", "status", status, "reason", "ACMEAccountRegistered", "message", "x"))));
    kube.resource(issuer).updateStatus();
  }

  @Test
  void theCelRulesDecideTheCustomResourcesHealthAsItsStatusMoves() {
    start(EXPRS);

    Condition noStatus = reconcile("flux-system/issuers");
    assertThat(noStatus.status()).isEqualTo("False");
    assertThat(noStatus.reason()).isEqualTo("HealthCheckFailed");
    assertThat(noStatus.message()).startsWith("timeout waiting for: [ClusterIssuer/letsencrypt-production status: 'Unknown': "
        + "failed to evaluate the CEL expression 'status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')'");

    issuerReady("Unknown");
    Condition inProgress = reconcile("flux-system/issuers");
    assertThat(inProgress.message()).isEqualTo("timeout waiting for: [ClusterIssuer/letsencrypt-production status: 'InProgress']");

    issuerReady("True");
    Condition current = reconcile("flux-system/issuers");
    assertThat(current.status()).isEqualTo("True");
    assertThat(current.reason()).isEqualTo("ReconciliationSucceeded");

    issuerReady("False");
    Condition failed = reconcile("flux-system/issuers");
    assertThat(failed.reason()).isEqualTo("HealthCheckFailed");
    assertThat(failed.message()).isEqualTo("ClusterIssuer/letsencrypt-production status: 'Failed'");
  }

  @Test
  void anExpressionThatDoesNotParseStallsTheKustomizationNamingIt() {
    start("""
          wait: true
          healthCheckExprs:
            - apiVersion: cert-manager.io/v1
              kind: ClusterIssuer
              current: status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True'
        """);

    Condition ready = reconcile("flux-system/issuers");

    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo("InvalidCELExpression");
    assertThat(ready.message()).startsWith("Reconciliation failed terminally due to configuration error: "
        + "failed to create custom status evaluator for healthchecks[0]: failed to parse the expression Current: "
        + "failed to parse the CEL expression 'status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True'': ERROR: ");
    KustomizationStatus s = fleet.store().getKustomization("demo", "flux-system/issuers").map(KustomizationRecord::status).orElseThrow();
    assertThat(s.condition(Condition.STALLED)).hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("InvalidCELExpression"));
    assertThat(s.condition(Condition.RECONCILING)).isEmpty();
    assertThat(fleet.kube().apiextensions().v1().customResourceDefinitions().withName("clusterissuers.cert-manager.io").get())
        .as("nothing applied").isNull();
  }

  @Test
  void aReadyExprGatesTheDependentInsteadOfTheReadyCheck() {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    remote        .write("clusters/demo/issuers.yaml", kustomization("issuers", "issuers", EXPRS))
        .write("issuers/crd.yaml", CRD)
        .write("issuers/issuer.yaml", ISSUER)
        .write("clusters/demo/app.yaml", kustomization("app", "app", """
              dependsOn:
                - name: issuers
                  readyExpr: >-
                    dep.status.conditions.filter(c, c.type == 'Ready').all(c, c.status == 'True')
                    && dep.metadata.generation == dep.status.observedGeneration
            """))
        .write("app/cm.yaml", configMap("default", "app", "ok"))
        .write("clusters/demo/relaxed.yaml", kustomization("relaxed", "relaxed", """
              dependsOn:
                - name: issuers
                  readyExpr: self.metadata.name == 'relaxed' && dep.spec.path == './issuers'
            """))
        .write("relaxed/cm.yaml", configMap("default", "relaxed", "ok"))
        .commit("app waits for the issuers by readyExpr");
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);

    Condition waiting = reconcile("flux-system/app");

    assertThat(ready("flux-system/issuers").reason()).isEqualTo("HealthCheckFailed");
    assertThat(waiting.reason()).isEqualTo("DependencyNotReady");
    assertThat(waiting.message()).isEqualTo("dependency 'flux-system/issuers' is not ready according to readyExpr eval");
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("app").get()).isNull();
    assertThat(ready("flux-system/relaxed").status()).isEqualTo("True");

    issuerReady("True");
    Condition released = reconcile("flux-system/app");

    assertThat(ready("flux-system/issuers").status()).isEqualTo("True");
    assertThat(released.status()).isEqualTo("True");
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("app").get()).isNotNull();
  }

  @Test
  void aReadyExprThatDoesNotCompileStallsTheDependent() {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    remote        .write("clusters/demo/app.yaml", kustomization("app", "app", """
              dependsOn:
                - name: issuers
                  readyExpr: dep.status.conditions
            """))
        .write("app/cm.yaml", configMap("default", "app", "ok"))
        .commit("a readyExpr that is not a boolean");
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);

    Condition stalled = reconcile("flux-system/app");

    assertThat(stalled.reason()).isEqualTo("InvalidCELExpression");
    assertThat(stalled.message()).isEqualTo("Reconciliation failed terminally due to configuration error: "
        + "failed to evaluate dependency issuers: CEL expression output type mismatch: expected bool, got dyn");
  }
}
