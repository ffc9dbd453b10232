package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Reason;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ten Kustomizations under the parallel workers: a dependsOn chain (k01 → k02 → k03), a fan-out of
 * four after the chain (k04–k07) and three beside it (k08–k10). Each finishes after its
 * dependencies, none reports DependencyNotReady, and every status write lands, on both pushes.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class ParallelRunOrderTest {
  private static final Map<String, String> DEPENDS_ON = new LinkedHashMap<>();

  static {
    DEPENDS_ON.put("k01", null);
    DEPENDS_ON.put("k02", "k01");
    DEPENDS_ON.put("k03", "k02");
    for (String k : List.of("k04", "k05", "k06", "k07")) {
      DEPENDS_ON.put(k, "k03");
    }
    for (String k : List.of("k08", "k09", "k10")) {
      DEPENDS_ON.put(k, "k01");
    }
  }

  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;

  @BeforeEach
  void setUp() {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    DEPENDS_ON.forEach((name, dep) -> remote
        .write("clusters/demo/" + name + ".yaml",
            kustomization(name, name, dep == null ? "" : "  dependsOn:\n    - name: " + dep + "\n"))
        .write(name + "/cm.yaml", configMap("default", name, "v1")));
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  private Map<String, Long> versions() {
    Map<String, Long> out = new HashMap<>();
    for (KustomizationRecord k : fleet.store().listKustomizations()) {
      out.put(k.key(), k.version());
    }
    return out;
  }

  private void assertRunKeptTheOrder(ReconcileReport report, String commit) {
    List<String> finished = report.outcomes().stream().map(ReconcileOutcome::kustomization).toList();
    assertThat(report.outcomes()).extracting(ReconcileOutcome::reason).doesNotContain(Reason.DEPENDENCY_NOT_READY);
    DEPENDS_ON.forEach((name, dep) -> {
      String key = "flux-system/" + name;
      assertThat(finished).as("finished in this run").contains(key);
      if (dep != null) {
        assertThat(finished.indexOf("flux-system/" + dep)).as(name + " finished after " + dep)
            .isLessThan(finished.indexOf(key));
      }
      var status = fleet.store().getKustomization("demo", key).orElseThrow().status();
      assertThat(status.isReady()).as(key).isTrue();
      assertThat(status.getLastAppliedRevision()).as(key).isEqualTo("main@sha1:" + commit);
    });
  }

  @Test
  void dependsOnAndFanOutKeepTheirOrderAndNoStatusWriteIsLost() {
    String first = remote.commit("ten Kustomizations");

    assertRunKeptTheOrder(fleet.engine().schedule(Instant.now()), first);

    Map<String, Long> before = versions();
    DEPENDS_ON.keySet().forEach(name -> remote.write(name + "/cm.yaml", configMap("default", name, "v2")));
    String second = remote.commit("every app changes");

    assertRunKeptTheOrder(fleet.engine().schedule(Instant.now()), second);
    Map<String, Long> after = versions();
    DEPENDS_ON.keySet().forEach(name -> assertThat(after.get("flux-system/" + name))
        .as("one status write for " + name).isEqualTo(before.get("flux-system/" + name) + 1));
    DEPENDS_ON.keySet().forEach(name -> assertThat(
        fleet.kube().configMaps().inNamespace("default").withName(name).get().getData()).containsEntry("value", "v2"));
  }
}
