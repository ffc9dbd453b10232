package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.record.KustomizationRecord;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first apply of a fleet of new Kustomizations reads each kind of a namespace once for the whole
 * wave, not once per Kustomization, and still honours what it finds there: an object a Flux controller
 * left with {@code reconcile: disabled} is not touched, as Flux would not touch it.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class FirstApplyListingsTest {
  private static final String SECRET = "test-webhook-secret";
  private static final int APPS = 8;
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;
  private DynamoStateStore store;

  @BeforeEach
  void setUp() throws Exception {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    for (int i = 0; i < APPS; i++) {
      remote.write("clusters/demo/app-" + i + ".yaml", kustomization("app-" + i, "apps/app-" + i, ""))
          .write("apps/app-" + i + "/settings.yaml", configMap("default", "app-" + i + "-settings", "from-git"));
    }
    Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
    store = TestStores.inMemory();
    fleet = LocalFleet.start(tmp, cluster, store).bootstrap(remote, secret.toString());
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  private void push(String commit) {
    fleet.push(remote, SECRET, commit);
  }

  private ConfigMap settingsOf(int app) {
    return fleet.kube().configMaps().inNamespace("default").withName("app-" + app + "-settings").get();
  }

  @Test
  void aNewFleetReadsTheNamespaceOnceAndCreatesEveryObjectWithOneRequest() {
    long gets = fleet.engine().apiRequests().snapshot().getOrDefault("GET", 0L);
    long patches = fleet.engine().apiRequests().snapshot().getOrDefault("PATCH", 0L);

    push(remote.commit(APPS + " apps"));

    for (int i = 0; i < APPS; i++) {
      assertThat(settingsOf(i).getData()).as("app-" + i).containsEntry("value", "from-git");
      assertThat(store.getKustomization("demo", "flux-system/app-" + i).map(KustomizationRecord::status).orElseThrow()
          .isReady()).as("app-" + i).isTrue();
    }
    Map<String, Long> after = fleet.engine().apiRequests().snapshot();
    assertThat(after.get("PATCH") - patches).as("one apply per ConfigMap, with nothing else written")
        .isEqualTo(APPS);
    assertThat(after.get("GET") - gets).as("reads: not one list per Kustomization (" + APPS + " apps)")
        .isLessThan(APPS);
  }

  @Test
  void aNewFleetOfFourObjectAppsSendsFourAppliesAndThreeDryRunsPerApp() {
    for (int i = 0; i < APPS; i++) {
      remote.write("apps/app-" + i + "/more.yaml", configMap("default", "app-" + i + "-flags", "on") + "---\n"
          + configMap("default", "app-" + i + "-limits", "on") + "---\n"
          + configMap("default", "app-" + i + "-extra", "on"));
    }
    ApiRequestCounter requests = fleet.engine().apiRequests();
    long applies = requests.count("PATCH");
    long dryRuns = requests.count("PATCH dryRun");

    push(remote.commit(APPS + " apps of 4 objects"));

    for (int i = 0; i < APPS; i++) {
      assertThat(settingsOf(i).getData()).as("app-" + i).containsEntry("value", "from-git");
    }
    assertThat(requests.count("PATCH") - applies).as("one apply per object").isEqualTo(4 * APPS);
    assertThat(requests.count("PATCH dryRun") - dryRuns)
        .as("the stage validated before it is written; its first create validates itself").isEqualTo(3 * APPS);
  }

  @Test
  void anObjectFluxLeftDisabledIsNotTouchedByTheFirstApply() {
    fleet.kube().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("app-3-settings").withNamespace("default")
        .addToLabels("kustomize.toolkit.fluxcd.io/name", "app-3")
        .addToLabels("kustomize.toolkit.fluxcd.io/namespace", "flux-system")
        .addToAnnotations("kustomize.toolkit.fluxcd.io/reconcile", "disabled")
        .endMetadata().addToData("value", "changed-by-hand").build()).create();

    push(remote.commit(APPS + " apps, one of them disabled in the cluster"));

    assertThat(settingsOf(3).getData()).as("disabled by annotation").containsEntry("value", "changed-by-hand");
    assertThat(settingsOf(4).getData()).containsEntry("value", "from-git");
  }
}
