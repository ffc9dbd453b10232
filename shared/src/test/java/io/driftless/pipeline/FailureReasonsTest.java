package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Reason;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.TestStores;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every stage fails with its own Flux reason, the status is written, and one Kustomization's failure
 * never stops its siblings: each test breaks one Kustomization ({@code broken}) next to a healthy one
 * ({@code healthy}), on the sandbox and a real API server, with DynamoDB Local.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class FailureReasonsTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;

  @BeforeEach
  void setUp() {
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/demo/healthy.yaml", kustomization("healthy", "healthy", ""))
        .write("healthy/cm.yaml", configMap("default", "healthy", "ok"));
  }

  @AfterEach
  void tearDown() {
    if (fleet != null) {
      fleet.close();
    }
    remote.close();
  }

  private ReconcileReport reconcile(String brokenSpec, String path, String file, String content) {
    remote.write("clusters/demo/broken.yaml", kustomization("broken", path, brokenSpec));
    if (file != null) {
      remote.write(file, content);
    }
    remote.commit("one broken, one healthy");
    if (fleet == null) {
      fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);
    }
    return fleet.engine().reconcile(ManualReconcile.all());
  }

  @Test
  void aFailedApplyIsRetriedAfterItsRetryIntervalAtTheSameRevisionAndSucceedsOnceTheClusterIsFixed() {
    reconcile("  retryInterval: 1m\n", "broken", "broken/cm.yaml", configMap("missing", "app", "v1"));
    Instant failed = Instant.now();
    Condition before = ready("demo", "flux-system/broken");
    assertThat(before.status()).isEqualTo(Condition.FALSE);
    assertThat(before.message()).contains("missing");
    fleet.kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("missing").endMetadata()
        .build()).create();

    ReconcileReport early = fleet.engine().schedule(failed.plus(Duration.ofSeconds(30)));
    ReconcileReport retried = fleet.engine().schedule(failed.plus(Duration.ofSeconds(61)));

    assertThat(early.outcomes()).extracting(ReconcileOutcome::kustomization).doesNotContain("flux-system/broken");
    assertThat(outcome(retried, "flux-system/broken").ready()).isTrue();
    assertThat(ready("demo", "flux-system/broken").status()).isEqualTo(Condition.TRUE);
    assertThat(fleet.kube().configMaps().inNamespace("missing").withName("app").get()).isNotNull();
  }

  private static ReconcileOutcome outcome(ReconcileReport report, String key) {
    return report.outcomes().stream().filter(o -> o.kustomization().equals(key)).findFirst().orElseThrow();
  }

  private Condition ready(String cluster, String key) {
    KustomizationStatus s = fleet.store().getKustomization(cluster, key).map(KustomizationRecord::status).orElseThrow();
    return s.condition(Condition.READY).orElseThrow();
  }

  /** The broken one failed for {@code reason}, recorded it, and the healthy one was still applied. */
  private void assertFailedAlone(ReconcileReport report, Reason reason, String messagePart) {
    ReconcileOutcome broken = outcome(report, "flux-system/broken");
    assertThat(broken.ready()).isFalse();
    assertThat(broken.reason()).isEqualTo(reason);
    assertThat(broken.message()).contains(messagePart);
    assertThat(ready("demo", "flux-system/broken").reason()).isEqualTo(reason.flux());
    assertThat(ready("demo", "flux-system/broken").message()).contains(messagePart);
    assertThat(outcome(report, "flux-system/healthy").ready()).isTrue();
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("healthy").get()).isNotNull();
  }

  @Test
  void aMissingSourceIsArtifactFailed() {
    String noSource = kustomization("broken", "broken", "").replace("    name: flux-system\n", "    name: nowhere\n");

    ReconcileReport report = reconcile("", "broken", "clusters/demo/broken.yaml", noSource);

    assertFailedAlone(report, Reason.ARTIFACT_FAILED, "GitRepository/flux-system/nowhere not found");
  }

  @Test
  void unreadableYamlIsBuildFailedNamingTheFile() {
    ReconcileReport report = reconcile("", "broken", "broken/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n");

    assertFailedAlone(report, Reason.BUILD_FAILED, "broken/cm.yaml");
  }

  @Test
  void anObjectTheClusterRefusesIsReconciliationFailed() {
    ReconcileReport report = reconcile("", "broken", "broken/widget.yaml",
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: default}\n");

    assertFailedAlone(report, Reason.RECONCILIATION_FAILED, "Widget/default/w");
  }

  @Test
  void aStageWithAnObjectTheServerRefusesIsReconciliationFailedAndNoneOfItIsAppliedOrPruned() {
    reconcile("", "broken", "broken/cms.yaml", configMap("default", "broken-a", "v1") + "---\n"
        + configMap("default", "broken-b", "v1"));
    remote.write("broken/old.yaml", configMap("default", "broken-old", "v1")).commit("one more");
    assertThat(outcome(fleet.engine().reconcile(ManualReconcile.all()), "flux-system/broken").ready()).isTrue();
    remote.delete("broken/old.yaml")
        .write("broken/cms.yaml", configMap("default", "broken-a", "v2") + "---\n"
            + configMap("default", "broken-b", "v2").replace("value: \"v2\"", "value: [x, y]") + "---\n"
            + configMap("default", "broken-new", "v2"))
        .commit("broken-b cannot be applied");

    ReconcileReport report = fleet.engine().reconcile(ManualReconcile.all());

    assertFailedAlone(report, Reason.RECONCILIATION_FAILED, "ConfigMap/default/broken-b dry-run failed (");
    assertThat(outcome(report, "flux-system/broken").message()).doesNotContain("\n");
    var configMaps = fleet.kube().configMaps().inNamespace("default");
    assertThat(configMaps.withName("broken-a").get().getData()).as("not updated").containsEntry("value", "v1");
    assertThat(configMaps.withName("broken-b").get().getData()).containsEntry("value", "v1");
    assertThat(configMaps.withName("broken-new").get()).as("not created").isNull();
    assertThat(configMaps.withName("broken-old").get()).as("not pruned after a failed apply").isNotNull();
  }

  @Test
  void aHealthCheckTheClusterCannotAnswerIsHealthCheckFailed() {
    ReconcileReport report = reconcile("""
          healthChecks:
            - apiVersion: example.com/v1
              kind: Widget
              name: w
              namespace: default
        """, "broken", "broken/cm.yaml", configMap("default", "broken", "x"));

    assertFailedAlone(report, Reason.HEALTH_CHECK_FAILED, "Kustomization/flux-system/broken");
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("broken").get()).isNotNull();
  }

  @Test
  void aDependencyThatFailedIsDependencyNotReady() {
    ReconcileReport report = reconcile("  dependsOn:\n    - name: infra\n", "broken", null, null);
    assertThat(report.outcomes()).isNotEmpty();
    remote.write("clusters/demo/infra.yaml", kustomization("infra", "infra", ""))
        .write("infra/cm.yaml", "kind: ConfigMap\n");
    remote.commit("infra cannot build");

    report = fleet.engine().reconcile(ManualReconcile.all());

    assertThat(outcome(report, "flux-system/infra").reason()).isEqualTo(Reason.BUILD_FAILED);
    assertFailedAlone(report, Reason.DEPENDENCY_NOT_READY, "dependency 'flux-system/infra' is not ready");
  }

  @Test
  void aFieldDriftlessDoesNotActOnIsRefusedNamingIt() {
    ReconcileReport report = reconcile("""
          decryption: {provider: sops, serviceAccountName: kms}
        """, "broken", "broken/cm.yaml", configMap("default", "broken", "x"));

    assertFailedAlone(report, Reason.RECONCILIATION_FAILED, "spec.decryption.serviceAccountName");
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("broken").get()).isNull();
  }

  @Test
  void anUnregisteredClusterIsReconciliationFailedNotBuildFailed() {
    reconcile("", "broken", "broken/cm.yaml", configMap("default", "broken", "x"));
    RootRecord ghost = new RootRecord("ghost", remote.url(), "main", "clusters/demo", "ghost", null, null);
    Bootstrap.register(fleet.store(), ghost);

    ReconcileReport report = fleet.engine().reconcile(new ManualReconcile(null, "ghost", true));

    ReconcileOutcome root = outcome(report, "flux-system/flux-system");
    assertThat(root.reason()).isEqualTo(Reason.RECONCILIATION_FAILED);
    assertThat(root.message()).contains("cluster ghost is not registered");
    assertThat(ready("ghost", "flux-system/flux-system").reason()).isEqualTo("ReconciliationFailed");
  }

  @Test
  void aStatusWriteThatLosesARaceIsReportedAndTheOthersStillRun() {
    StateStore store = racingOn("flux-system/broken", TestStores.inMemory());
    remote.write("clusters/demo/broken.yaml", kustomization("broken", "broken", ""))
        .write("broken/cm.yaml", configMap("default", "broken", "x"))
        .commit("two healthy, one loses its status write");
    fleet = LocalFleet.start(tmp, cluster, store).bootstrap(remote, null);

    ReconcileReport report = fleet.engine().schedule(Instant.now());

    ReconcileOutcome broken = outcome(report, "flux-system/broken");
    assertThat(broken.reason()).isEqualTo(Reason.RECONCILIATION_FAILED);
    assertThat(broken.message()).contains("status not recorded");
    assertThat(outcome(report, "flux-system/healthy").ready()).isTrue();
    assertThat(ready("demo", "flux-system/healthy").reason()).isEqualTo("ReconciliationSucceeded");
  }

  /** A store where, for {@code key}, another writer always gets its status in first. */
  private static StateStore racingOn(String key, StateStore store) {
    return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
        (proxy, method, args) -> {
          try {
            if (method.getName().equals("putStatus") && key.equals(args[1])) {
              method.invoke(store, args);
            }
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
