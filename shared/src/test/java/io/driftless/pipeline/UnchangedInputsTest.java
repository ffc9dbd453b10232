package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.KustomizationStatus;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A push builds only the Kustomizations whose build read a path it changed; the others move to the
 * new revision without a build. A shared base, a new file in a directory without a
 * kustomization.yaml, and a changed Kustomization spec all count as changes.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class UnchangedInputsTest {
  private static final String SECRET = "test-webhook-secret";
  private static final String KUSTOMIZE = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;
  private DynamoStateStore store;
  private String first;

  @BeforeEach
  void setUp() throws Exception {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    remote.write("clusters/demo/web.yaml", kustomization("web", "apps/web", ""))
        .write("clusters/demo/api.yaml", kustomization("api", "apps/api", ""))
        .write("clusters/demo/plain.yaml", kustomization("plain", "plain", ""))
        .write("apps/base/kustomization.yaml", KUSTOMIZE + "resources:\n  - shared.yaml\n")
        .write("apps/base/shared.yaml", configMap("default", "shared", "v1"))
        .write("apps/web/kustomization.yaml", KUSTOMIZE + "namePrefix: web-\nresources:\n  - ../base\n")
        .write("apps/api/kustomization.yaml", KUSTOMIZE + "namePrefix: api-\nresources:\n  - ../base\n")
        .write("plain/one.yaml", configMap("default", "plain-one", "v1"));
    Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
    store = TestStores.inMemory();
    fleet = LocalFleet.start(tmp, cluster, store).bootstrap(remote, secret.toString());
    first = remote.commit("web, api on a shared base; plain without kustomization.yaml");
    push(first);
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  private void push(String commit) {
    fleet.push(remote, SECRET, commit);
  }

  private long builds() {
    return fleet.engine().stageTimes().count("build");
  }

  private KustomizationStatus status(String name) {
    return store.getKustomization("demo", "flux-system/" + name).map(KustomizationRecord::status).orElseThrow();
  }

  private ConfigMap configMapOf(String name) {
    return fleet.kube().configMaps().inNamespace("default").withName(name).get();
  }

  private void assertAllReadyAt(String commit) {
    for (String name : new String[] {"web", "api", "plain"}) {
      assertThat(status(name).isReady()).as(name).isTrue();
      assertThat(status(name).getLastAppliedRevision()).as(name).isEqualTo("main@sha1:" + commit);
    }
  }

  @Test
  void aPushToOneDirectoryBuildsOnlyWhatReadsIt() {
    long before = builds();
    String second = remote.write("plain/one.yaml", configMap("default", "plain-one", "v2")).commit("plain v2");

    push(second);

    assertThat(builds() - before).as("builds: plain only; the root, web and api read nothing that changed").isEqualTo(1);
    assertThat(configMapOf("plain-one").getData()).containsEntry("value", "v2");
    assertAllReadyAt(second);
  }

  @Test
  void aChangedSharedBaseReachesEveryAppThatUsesIt() {
    String second = remote.write("apps/base/shared.yaml", configMap("default", "shared", "v2")).commit("base v2");

    push(second);

    assertThat(configMapOf("web-shared").getData()).containsEntry("value", "v2");
    assertThat(configMapOf("api-shared").getData()).containsEntry("value", "v2");
    assertAllReadyAt(second);
  }

  @Test
  void aNewFileInADirectoryWithoutKustomizationYamlIsApplied() {
    String second = remote.write("plain/two.yaml", configMap("default", "plain-two", "v1")).commit("plain two");

    push(second);

    assertThat(configMapOf("plain-two")).isNotNull();
    assertAllReadyAt(second);
  }

  @Test
  void aChangedKustomizationSpecRebuildsIt() {
    String second = remote.write("clusters/demo/web.yaml",
        kustomization("web", "apps/web", "  commonMetadata:\n    labels:\n      team: web\n")).commit("web label");

    push(second);

    assertThat(configMapOf("web-shared").getMetadata().getLabels()).containsEntry("team", "web");
    assertAllReadyAt(second);
  }

  @Test
  void aTwoPushChainStillTracksWhatEachBuildRead() {
    String second = remote.write("plain/one.yaml", configMap("default", "plain-one", "v2")).commit("plain v2");
    push(second);
    String third = remote.write("apps/base/shared.yaml", configMap("default", "shared", "v3")).commit("base v3");

    push(third);

    assertThat(configMapOf("web-shared").getData()).containsEntry("value", "v3");
    assertThat(configMapOf("plain-one").getData()).containsEntry("value", "v2");
    assertAllReadyAt(third);
  }
}
