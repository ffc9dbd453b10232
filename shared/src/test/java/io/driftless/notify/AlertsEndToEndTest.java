package io.driftless.notify;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.config.DriftlessConfig;
import io.driftless.local.RealApiServer;
import io.driftless.local.SharedRealApiServer;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ManualReconcile;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.record.ClusterRecord;
import io.driftless.record.NotificationRecord;
import io.driftless.record.RootRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Flux user's Provider and Alert, committed beside their apps, on a real API server: they are
 * recorded instead of applied (the cluster has no Flux CRDs, so applying them would fail), the
 * reconcile's event reaches the Provider with the token read from the cluster's Secret, and they are
 * forgotten when they leave Git. The event is built here from the reconcile's outcome, the seam the
 * engine's own event emission plugs into.
 */
class AlertsEndToEndTest {
  private static final String TOKEN = "hmac-key-from-the-cluster";
  @TempDir Path tmp;
  private RealApiServer server;
  private KubernetesClient admin;
  private GitRemote remote;
  private Engine engine;
  private RecordingReceiver receiver;
  private String ns;

  @BeforeEach
  void setUp() throws Exception {
    server = SharedRealApiServer.get().orElse(null);
    assumeTrue(server != null, "no real API server: " + SharedRealApiServer.unavailableReason());
    admin = server.client();
    ns = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    admin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("webhook").endMetadata()
        .withStringData(Map.of("token", TOKEN)).build()).create();
    receiver = new RecordingReceiver();
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    engine = Engine.create(DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache")).withNotifyAllowPrivateNetworks(true)
        .withDispatch(DriftlessConfig.Dispatch.STREAM), TestStores.inMemory(), Map.of());
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
    receiver.close();
    admin.namespaces().withName(ns).delete();
  }

  private String notifications() {
    return """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata: {name: hook, namespace: %s}
        spec: {type: generic-hmac, address: "%s", secretRef: {name: webhook}}
        ---
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata: {name: apps, namespace: %s}
        spec:
          providerRef: {name: hook}
          eventSources: [{kind: Kustomization, name: apps, namespace: flux-system}]
        """.formatted(ns, receiver.url("/flux"), ns);
  }

  private ReconcileOutcome reconcileApps() {
    return engine.reconcile(ManualReconcile.all()).outcomes().stream()
        .filter(o -> o.kustomization().equals("flux-system/apps")).findFirst().orElseThrow();
  }

  @Test
  void aCommittedAlertIsRecordedRoutesTheReconcilesEventAndLeavesWithGit() {
    remote.write("clusters/real/apps.yaml", kustomization("apps", "apps", ""))
        .write("apps/app.yaml", configMap(ns, "app", "1"))
        .write("apps/notifications.yaml", notifications()).commit("apps with an alert");

    ReconcileOutcome applied = reconcileApps();

    assertThat(applied.ready()).as(applied.message()).isTrue();
    assertThat(engine.store().listNotifications("real")).extracting(NotificationRecord::key)
        .containsExactlyInAnyOrder("Provider/" + ns + "/hook", "Alert/" + ns + "/apps");
    assertThat(admin.configMaps().inNamespace(ns).withName("app").get()).isNotNull();

    // the reconcile's own events, routed by the engine: the change set, then "Reconciliation finished"
    assertThat(receiver.requests()).hasSize(2);
    for (RecordingReceiver.Request got : receiver.requests()) {
      assertThat(got.header("X-Signature"))
          .isEqualTo("sha256=" + ForwardNotifier.hmacSha256(got.body().getBytes(StandardCharsets.UTF_8), TOKEN));
      assertThat(got.body()).contains(applied.revision());
    }
    assertThat(receiver.requests().get(0).body()).contains("ConfigMap/" + ns + "/app created");
    assertThat(receiver.requests().get(1).body()).contains("Reconciliation finished");

    remote.delete("apps/notifications.yaml").commit("no more alerts");
    assertThat(reconcileApps().ready()).isTrue();
    assertThat(engine.store().listNotifications("real")).isEmpty();
  }
}
