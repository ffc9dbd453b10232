package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code spec.deletionPolicy: WaitForTermination}: a Kustomization that leaves Git deletes its
 * objects and its removal finishes only once they are gone from the cluster, here a ConfigMap held
 * by a finalizer that the test removes (on the sandbox and a real API server).
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class WaitForTerminationTest {
  private static final String HOLD = "example.com/hold";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;

  @BeforeEach
  void setUp() throws Exception {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  @Test
  void theRemovalFinishesOnlyAfterTheObjectsFinalizerIsDone() throws Exception {
    remote.write("clusters/demo/held.yaml", kustomization("held", "held",
            "  deletionPolicy: WaitForTermination\n  timeout: 5m\n"))
        .write("held/cm.yaml", configMap("default", "held", "x").replace("  namespace: default\n",
            "  namespace: default\n  finalizers: [" + HOLD + "]\n"))
        .write("clusters/demo/marker.yaml", configMap("default", "marker", "the path stays"))
        .commit("a Kustomization whose ConfigMap has a finalizer");
    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).isTrue();
    Resource<ConfigMap> held = fleet.kube().configMaps().inNamespace("default").withName("held");
    assertThat(held.get().getMetadata().getFinalizers()).containsExactly(HOLD);
    remote.delete("clusters/demo/held.yaml");
    remote.commit("it leaves Git");

    CompletableFuture<ReconcileReport> removal =
        CompletableFuture.supplyAsync(() -> fleet.engine().reconcile(ManualReconcile.all()));
    held.waitUntilCondition(cm -> cm != null && cm.getMetadata().getDeletionTimestamp() != null, 2, TimeUnit.MINUTES);

    assertThat(removal).as("waiting for the ConfigMap to go").isNotDone();
    assertThat(fleet.store().listKustomizations()).extracting(k -> k.key()).contains("flux-system/held");

    held.edit(cm -> {
      cm.getMetadata().setFinalizers(List.of());
      return cm;
    });
    removal.get(2, TimeUnit.MINUTES);

    assertThat(held.get()).isNull();
    assertThat(fleet.store().listKustomizations()).extracting(k -> k.key()).containsExactly("flux-system/flux-system");
  }
}
