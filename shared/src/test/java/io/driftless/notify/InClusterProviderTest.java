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
import io.driftless.record.ClusterRecord;
import io.driftless.record.RootRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LogLines;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Provider whose address is a Service inside the cluster ({@code alertmanager.<ns>.svc.cluster.local:9093}, as
 * homelab repositories write it) cannot be reached from a function outside the cluster; Driftless delivers to it
 * through the API server's service proxy with the cluster's credentials, on the real API server (a Service
 * whose Endpoints name a receiver on this machine's own, non-loopback address, behind a Pod reporting that address). Not run on the sandbox: it serves no proxy subresource.
 */
class InClusterProviderTest {
  @TempDir Path tmp;

  @Test
  void anEventForAnInClusterAlertmanagerIsDeliveredThroughTheApiServer() throws Exception {
    RealApiServer server = SharedRealApiServer.get().orElse(null);
    assumeTrue(server != null, "no real API server: " + SharedRealApiServer.unavailableReason());
    assumeTrue(ownAddressOrNull() != null, "this machine has no non-loopback IPv4 address for the API server to proxy to");
    KubernetesClient admin = server.client();
    String ns = "monitoring-" + UUID.randomUUID().toString().substring(0, 8);
    try (RecordingReceiver alertmanager = new RecordingReceiver(ownAddress());
        GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main");
        Engine engine = Engine.create(DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache"))
            .withDispatch(DriftlessConfig.Dispatch.STREAM), TestStores.inMemory(), Map.of());
        LogLines logs = LogLines.capture()) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      serviceFor(admin, ns, "alertmanager", 9093, alertmanager);
      engine.registerCluster(new ClusterRecord("real", server.kubeconfig().toString(), null, null));
      engine.bootstrap(new RootRecord("real", remote.url(), "main", "clusters/real", "real", null, null));
      remote.write("clusters/real/apps.yaml", kustomization("apps", "apps", ""))
          .write("apps/app.yaml", configMap(ns, "app", "1"))
          .write("apps/alerts.yaml", """
              apiVersion: notification.toolkit.fluxcd.io/v1beta3
              kind: Provider
              metadata: {name: alertmanager, namespace: %s}
              spec: {type: generic, address: "http://alertmanager.%s.svc.cluster.local:9093/api/v2/alerts?source=flux"}
              ---
              apiVersion: notification.toolkit.fluxcd.io/v1beta3
              kind: Alert
              metadata: {name: apps, namespace: %s}
              spec:
                providerRef: {name: alertmanager}
                eventSources: [{kind: Kustomization, name: apps, namespace: flux-system}]
              """.formatted(ns, ns, ns))
          .commit("apps, alerting the cluster's alertmanager");
      try {
        assertThat(engine.reconcile(ManualReconcile.all()).allReady()).isTrue();

        assertThat(alertmanager.requests()).isNotEmpty();
        RecordingReceiver.Request got = alertmanager.requests().get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.path()).isEqualTo("/api/v2/alerts?source=flux");
        assertThat(got.body()).contains("ConfigMap/" + ns + "/app created");
        assertThat(logs.text()).doesNotContain("not delivered");
      } finally {
        admin.namespaces().withName(ns).delete();
      }
    }
  }

  /**
   * A Service {@code name} whose Endpoints are {@code receiver}, behind a Pod {@code name-0} whose status holds
   * this machine's address: the API server proxies only to an endpoint whose Pod has that IP, as a kubelet
   * would have reported it (none runs here).
   */
  private static void serviceFor(KubernetesClient admin, String ns, String name, int port, RecordingReceiver receiver)
      throws Exception {
    String ip = ownAddress().getHostAddress();
    String pod = name + "-0";
    admin.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
    admin.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(pod).endMetadata()
        .withNewSpec().withServiceAccountName(name).withAutomountServiceAccountToken(false)
        .addNewContainer().withName(name).withImage(name).endContainer().endSpec().build()).create();
    admin.pods().inNamespace(ns).withName(pod).editStatus(p -> new PodBuilder(p).editOrNewStatus()
        .withPodIP(ip).withPodIPs(new PodIP(ip)).endStatus().build());
    admin.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addNewPort().withName("http").withPort(port).withNewTargetPort(receiver.port()).endPort()
        .endSpec().build()).create();
    admin.endpoints().inNamespace(ns).resource(new EndpointsBuilder().withNewMetadata().withName(name).endMetadata()
        .addNewSubset().addNewAddress().withIp(ip).withNewTargetRef().withKind("Pod").withName(pod).withNamespace(ns)
        .endTargetRef().endAddress().addNewPort().withName("http").withPort(receiver.port()).endPort().endSubset()
        .build()).create();
  }

  /** This machine's first IPv4 address that is not loopback or link-local: the API server refuses to proxy to those. */
  private static InetAddress ownAddress() throws Exception {
    InetAddress address = ownAddressOrNull();
    if (address == null) {
      throw new AssertionError("this machine has no non-loopback IPv4 address to proxy to");
    }
    return address;
  }

  private static InetAddress ownAddressOrNull() throws Exception {
    return NetworkInterface.networkInterfaces().filter(InClusterProviderTest::isUp)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst().orElse(null);
  }

  private static boolean isUp(NetworkInterface i) {
    try {
      return i.isUp();
    } catch (Exception e) {
      return false;
    }
  }
}
