package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.local.LocalChartRepository;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** One control point, two clusters bootstrapped from two repositories: each root keeps its own source. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class TwoRootsTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;

  @Test
  void eachRootReconcilesItsOwnRepositoryOnItsOwnCluster() {
    try (GitRemote prodRepo = GitRemote.create(tmp.resolve("prod"), "main").copyTree(Path.of("../examples"), ".");
        LocalChartRepository charts = LocalChartRepository.forExamples(Path.of("../examples"), prodRepo.workTree());
        GitRemote stagingRepo = GitRemote.create(tmp.resolve("staging"), "main");
        LocalFleet fleet = LocalFleet.start(tmp, cluster)) {
      String prodCommit = prodRepo.commit("prod");
      String stagingCommit = stagingRepo.write("clusters/staging/marker.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: staging-marker
            namespace: default
          data:
            env: staging
          """).commit("staging");
      Engine engine = fleet.engine();
      ClusterRecord demo = fleet.store().getCluster("demo").orElseThrow();
      engine.registerCluster(new ClusterRecord("staging", demo.kubeconfigPath(), null, null));
      engine.bootstrap(new RootRecord("prod", prodRepo.url(), "main", "clusters/demo", "demo", null, null));
      engine.bootstrap(new RootRecord("staging", stagingRepo.url(), "main", "clusters/staging", "staging", null, null));

      ReconcileReport report = engine.reconcile(ManualReconcile.all());

      assertThat(report.allReady()).isTrue();
      assertThat(revision(fleet, "demo")).isEqualTo("main@sha1:" + prodCommit);
      assertThat(revision(fleet, "staging")).isEqualTo("main@sha1:" + stagingCommit);
      assertThat(fleet.kube().configMaps().inNamespace("default").withName("staging-marker").get()).isNotNull();
      assertThat(fleet.kube().apps().deployments().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
    }
  }

  private static String revision(LocalFleet fleet, String cluster) {
    return fleet.store().getKustomization(cluster, "flux-system/flux-system")
        .map(KustomizationRecord::status).orElseThrow().getLastAppliedRevision();
  }
}
