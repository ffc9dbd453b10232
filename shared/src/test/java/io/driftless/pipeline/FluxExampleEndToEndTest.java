package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.model.Condition;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.FluxStatus;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.source.Digests;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.OciPush;
import io.driftless.testing.PublicCharts;
import io.driftless.testing.RealRegistry;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fluxcd/flux2-kustomize-helm-example at {@value #EXAMPLE_COMMIT} (its HEAD when this was written), root
 * clusters/staging, reconciled on a real kube-apiserver v1.20.2 with nothing changed but where its charts
 * come from: podinfo 6.2.3, cert-manager v1.10.2 and Envoy Gateway v1.9.0, packaged from their own
 * sources ({@link PublicCharts}), served by a loopback HTTP chart repository (podinfo's HelmRepository)
 * and a loopback OCI registry (the two OCIRepositories, which therefore also say {@code insecure: true},
 * as Flux requires for a registry over plain HTTP). The sources are snapshots read from
 * {@link PublicCharts#MIRRORS}; the test is skipped, naming the one missing, where they are not.
 *
 * <p>As the repository is, cert-manager is Ready and Envoy Gateway fails: the 1.20 server refuses most of
 * its Gateway API CRDs ({@code default: ""} read as null, "must be of type string") and serves no
 * ValidatingAdmissionPolicy, which its crds subchart renders (served from Kubernetes 1.30); so
 * infra-controllers fails naming it, and infra-configs and apps wait on their dependencies, as Flux's would
 * on this server. Taking apps' {@code dependsOn} away (one commit) installs podinfo; a values commit
 * upgrades it to release v2 with the value on its Deployment.
 */
class FluxExampleEndToEndTest {
  static final String EXAMPLE_COMMIT = "4f1a5b1051b469108d1bdf0ebec6c814427e3834";
  private static final String SECRET = "test-webhook-secret";
  @TempDir Path tmp;
  private RealRegistry registry;
  private ChartRepositoryServer charts;
  private GitRemote remote;
  private LocalFleet fleet;

  /** Closed in reverse order of opening. */
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  @AfterEach
  void tearDown() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
  }

  private <T extends AutoCloseable> T opened(T resource) {
    open.push(resource);
    return resource;
  }

  @Test
  void theExampleReconcilesOnTheRealServer() throws Exception {
    TestCluster.requireReal();
    Path example = PublicCharts.export(PublicCharts.mirror("fluxcd/flux2-kustomize-helm-example"), EXAMPLE_COMMIT, ".",
        tmp.resolve("example"));
    Optional<RealRegistry> started = RealRegistry.start(tmp.resolve("registry"), null, null);
    Assumptions.assumeTrue(started.isPresent(), "no docker-registry");
    registry = opened(started.get());
    OciPush.chart(registry.host(), "jetstack/charts/cert-manager", "v1.10.2", "cert-manager", "v1.10.2",
        PublicCharts.certManager(tmp.resolve("build"), "v1.10.2"), null, null);
    OciPush.chart(registry.host(), "envoyproxy/gateway-helm", "v1.9.0", "gateway-helm", "v1.9.0",
        PublicCharts.envoyGateway(tmp.resolve("build"), "v1.9.0"), null, null);
    charts = opened(ChartRepositoryServer.start());
    byte[] podinfo = PublicCharts.podinfo(tmp.resolve("build"), "6.2.3");
    charts.put("/podinfo/podinfo-6.2.3.tgz", podinfo);
    charts.put("/podinfo/index.yaml", """
        apiVersion: v1
        entries:
          podinfo:
            - {name: podinfo, version: 6.2.3, urls: [podinfo-6.2.3.tgz], digest: "%s"}
        """.formatted(Digests.sha256(podinfo).substring("sha256:".length())));

    remote = opened(GitRemote.create(tmp.resolve("repo"), "main")).copyTree(example, ".");
    replace("infrastructure/controllers/cert-manager.yaml", "  url: oci://quay.io/jetstack/charts/cert-manager\n",
        "  url: oci://" + registry.host() + "/jetstack/charts/cert-manager\n  insecure: true\n");
    replace("infrastructure/controllers/envoy-gateway.yaml", "  url: oci://docker.io/envoyproxy/gateway-helm\n",
        "  url: oci://" + registry.host() + "/envoyproxy/gateway-helm\n  insecure: true\n");
    replace("apps/base/podinfo/repository.yaml", "https://stefanprodan.github.io/podinfo", charts.url("/podinfo"));
    String commit = remote.commit("flux2-kustomize-helm-example with the chart URLs on loopback");

    Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
    fleet = opened(LocalFleet.start(tmp, TestCluster.REAL));
    fleet.engine().bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/staging", "demo",
        secret.toString(), null));
    push(commit);

    // As the repository is: cert-manager's release installs; Envoy Gateway's cannot on Kubernetes 1.20.
    assertThat(helm("OCIRepository/cert-manager/cert-manager")).satisfies(ready(Condition.TRUE, "Succeeded"));
    assertThat(helm("OCIRepository/envoy-gateway-system/gateway-helm")).satisfies(ready(Condition.TRUE, "Succeeded"));
    assertThat(helm("HelmRelease/cert-manager/cert-manager")).satisfies(ready(Condition.TRUE, "InstallSucceeded"));
    KubernetesClient kube = fleet.kube();
    assertThat(kube.apps().deployments().inNamespace("cert-manager").withName("cert-manager-webhook").get()).isNotNull();
    Condition envoy = helm("HelmRelease/envoy-gateway-system/envoy-gateway").condition(Condition.READY).orElseThrow();
    assertThat(envoy.reason()).isEqualTo("InstallFailed");
    // The chart's safe-upgrade policy is a ValidatingAdmissionPolicy (served from Kubernetes 1.30), looked up
    // by the template before it renders; its CRDs (crds/) carry defaults that 1.20 refuses (asserted below).
    assertThat(envoy.message()).containsAnyOf("ValidatingAdmissionPolicy", "gateway.networking.k8s.io");
    assertThat(kustomization("infra-controllers").condition(Condition.READY).orElseThrow().message())
        .contains("HelmRelease/envoy-gateway-system/envoy-gateway");
    assertThat(kustomization("infra-configs")).satisfies(ready(Condition.FALSE, "DependencyNotReady"));
    assertThat(kustomization("apps")).satisfies(ready(Condition.FALSE, "DependencyNotReady"));

    // What the real 1.20 server refuses of Envoy Gateway v1.9.0, named: it serves no
    // ValidatingAdmissionPolicy, and it refuses the Gateway API CRDs whose fields default to "".
    assertThat(kube.getApiResources("admissionregistration.k8s.io/v1").getResources())
        .extracting(r -> r.getName()).doesNotContain("validatingadmissionpolicies");
    String gatewayCrd = crd(tmp.resolve("build/envoy-gateway/charts/gateway-helm/charts/crds/crds/gatewayapi-crds.yaml"),
        "gateways.gateway.networking.k8s.io");
    assertThatThrownBy(() -> kube.resource(Serialization.unmarshal(gatewayCrd, GenericKubernetesResource.class)).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("properties[group].default: Invalid value: \"null\"")
        .hasMessageContaining("must be of type string");

    // infra-configs (a GatewayClass, a Gateway and a ClusterIssuer, whose CRDs are not there) is never Ready
    // on 1.20, so apps' dependsOn on it is taken away to reach podinfo: the one edit beside the URLs.
    replace("clusters/staging/apps.yaml", "  dependsOn:\n    - name: infra-configs\n", "");
    push(remote.commit("apps without its dependency on infra-configs"));
    assertThat(helm("HelmRepository/podinfo/podinfo")).satisfies(ready(Condition.TRUE, "Succeeded"));
    assertThat(helm("HelmRelease/podinfo/podinfo")).satisfies(ready(Condition.TRUE, "InstallSucceeded"));
    assertThat(kustomization("apps")).satisfies(ready(Condition.TRUE, "ReconciliationSucceeded"));
    assertThat(kube.apps().deployments().inNamespace("podinfo").withName("podinfo").get().getSpec().getReplicas())
        .isEqualTo(1);

    replace("apps/staging/podinfo-values.yaml", "  values:\n", "  values:\n    replicaCount: 2\n");
    push(remote.commit("podinfo: two replicas on staging"));
    assertThat(helm("HelmRelease/podinfo/podinfo")).satisfies(ready(Condition.TRUE, "UpgradeSucceeded"));
    assertThat(new SecretReleaseStorage(kube, "podinfo", Clock.systemUTC()).history("podinfo"))
        .extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.SUPERSEDED), tuple(2, ReleaseStatus.DEPLOYED));
    assertThat(kube.apps().deployments().inNamespace("podinfo").withName("podinfo").get().getSpec().getReplicas())
        .isEqualTo(2);
  }

  /** The document of {@code file} that defines the CRD {@code name}. */
  private static String crd(Path file, String name) throws Exception {
    for (String doc : Files.readString(file).split("\n---\n")) {
      if (doc.contains("kind: CustomResourceDefinition") && doc.contains("\n  name: " + name + "\n")) {
        return doc;
      }
    }
    throw new AssertionError("no CRD " + name + " in " + file);
  }

  private HelmReleaseStatus helm(String key) {
    return fleet.store().getHelmObject("demo", key).map(HelmRecord::status)
        .orElseThrow(() -> new AssertionError("no " + key));
  }

  private KustomizationStatus kustomization(String name) {
    return fleet.store().getKustomization("demo", "flux-system/" + name).map(KustomizationRecord::status)
        .orElseThrow(() -> new AssertionError("no Kustomization flux-system/" + name));
  }

  private static java.util.function.Consumer<FluxStatus> ready(String status, String reason) {
    return s -> assertThat(s.condition(Condition.READY).orElseThrow())
        .extracting(Condition::status, Condition::reason).as(String.valueOf(s.getConditions()))
        .containsExactly(status, reason);
  }

  private void replace(String file, String from, String to) throws Exception {
    Path p = remote.workTree().resolve(file);
    String text = Files.readString(p);
    assertThat(text).as(file).contains(from);
    Files.writeString(p, text.replace(from, to));
  }

  private void push(String commit) {
    var response = fleet.engine().webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main", commit)));
    assertThat(response.status()).isEqualTo(202);
    fleet.engine().drainPending();
  }
}
