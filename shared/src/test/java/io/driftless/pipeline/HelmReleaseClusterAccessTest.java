package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.sandbox.SandboxApiServer;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where and as whom a HelmRelease installs, as helm-controller: {@code spec.kubeConfig} puts the
 * release (objects and Helm's Secrets) on the remote cluster only, with valuesFrom still read where the
 * HelmRelease lives, and uninstalls it there; {@code spec.serviceAccountName} acts as that service
 * account, so on the real API server, where RBAC is enforced, an account without rights installs nothing.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseClusterAccessTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private HelmReleaseFixture fixture;
  private KubernetesClient hub;
  private SandboxApiServer spoke;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new HelmReleaseFixture(tmp, cluster);
    hub = fixture.kube();
    hub.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("web").endMetadata().build()).create();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
    if (spoke != null) {
      spoke.close();
    }
  }

  @Test
  void kubeConfigInstallsAndUninstallsOnTheRemoteClusterOnlyWithValuesFromWhereTheHelmReleaseLives() throws Exception {
    spoke = SandboxApiServer.start(0);
    KubernetesClient remote = spoke.client();
    remote.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("web").endMetadata().build()).create();
    String kubeconfig = Files.readString(spoke.writeKubeconfig(tmp.resolve("spoke.kubeconfig")));
    hub.secrets().inNamespace("web").resource(new SecretBuilder().withNewMetadata().withName("spoke").endMetadata()
        .withData(Map.of("value", Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8))))
        .build()).create();
    hub.configMaps().inNamespace("web").resource(new ConfigMapBuilder().withNewMetadata().withName("web-values")
        .endMetadata().withData(Map.of("values.yaml", "replicaCount: 2\n")).build()).create();

    HelmReleaseStatus status = fixture.reconcile("""
          kubeConfig: {secretRef: {name: spoke}}
          valuesFrom: [{kind: ConfigMap, name: web-values}]
        """);

    assertThat(status.isReady()).as(status.condition(Condition.READY).orElseThrow().message()).isTrue();
    assertThat(remote.apps().deployments().inNamespace("web").withName("web-web").get().getSpec().getReplicas())
        .isEqualTo(2);
    assertThat(HelmReleaseFixture.history(remote)).extracting(StoredRelease::version).containsExactly(1);
    assertThat(hub.apps().deployments().inNamespace("web").withName("web-web").get()).as("the registered cluster").isNull();
    assertThat(HelmReleaseFixture.history(hub)).isEmpty();

    fixture.remote().delete("web/release.yaml").commit("drop the release");
    fixture.reconcileAll();

    assertThat(remote.apps().deployments().inNamespace("web").withName("web-web").get()).isNull();
    assertThat(HelmReleaseFixture.history(remote)).isEmpty();
  }

  @Test
  void aMissingKubeConfigSecretInstallsNowhereAndSaysWhich() {
    HelmReleaseStatus status = fixture.reconcile("  kubeConfig: {secretRef: {name: nowhere}}\n");

    Condition ready = status.condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.message()).isEqualTo("HelmRelease/web/web: spec.kubeConfig.secretRef: Secret/web/nowhere not found");
    assertThat(hub.apps().deployments().inNamespace("web").withName("web-web").get()).isNull();
  }

  @Test
  void serviceAccountNameInstallsOnlyWhatThatAccountMayDo() {
    assumeTrue(cluster == TestCluster.REAL, "RBAC is enforced by the real API server only");

    HelmReleaseStatus refused = fixture.reconcile("  serviceAccountName: deployer\n");

    Condition ready = refused.condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.message()).startsWith("HelmRelease/web/web ").contains("system:serviceaccount:web:deployer")
        .containsIgnoringCase("forbidden").doesNotContain("\n");
    assertThat(hub.apps().deployments().inNamespace("web").withName("web-web").get()).isNull();
    assertThat(HelmReleaseFixture.history(hub)).isEmpty();

    fixture.grantEverythingInWeb("deployer");
    HelmReleaseStatus installed = fixture.reconcileAgain();

    assertThat(installed.isReady()).as(installed.condition(Condition.READY).orElseThrow().message()).isTrue();
    assertThat(hub.apps().deployments().inNamespace("web").withName("web-web").get()).isNotNull();
    assertThat(HelmReleaseFixture.history(hub)).extracting(StoredRelease::version).containsExactly(1);
  }
}
