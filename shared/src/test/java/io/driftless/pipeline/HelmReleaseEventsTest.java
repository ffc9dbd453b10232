package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.event.Event;
import io.driftless.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A HelmRelease's events carry helm-controller's reasons, messages and metadata, once per thing that happened. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseEventsTest extends HelmReleaseTestBase {
  private final List<Event> sent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void listen() {
    engine.addEventSink(sent::add);
  }

  private List<Event> web() {
    return sent.stream().filter(e -> e.involvedObject().subject().equals(HR)).toList();
  }

  @Test
  void installUpgradeAndUninstallEachEmitOneEventAndANoOpNone() throws Exception {
    push(remote.commit("web"));
    remote.write("apps/web/values.yaml", "replicaCount: 3\n");
    push(remote.commit("three replicas"));
    int afterUpgrade = web().size();
    remote.write("README.md", "a commit that leaves the release alone\n");
    push(remote.commit("unrelated"));
    int afterNoOp = web().size();
    remote.delete("apps/web/release.yaml");
    Path k = remote.workTree().resolve("apps/web/kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace(", release.yaml]", "]"));
    push(remote.commit("drop the release"));

    assertThat(afterNoOp).as("a reconcile with nothing to release").isEqualTo(afterUpgrade);
    assertThat(web()).extracting(Event::severity, Event::reason).containsExactly(
        tuple(Event.Severity.INFO, "InstallSucceeded"),
        tuple(Event.Severity.INFO, "UpgradeSucceeded"),
        tuple(Event.Severity.INFO, "UninstallSucceeded"));
    Event install = web().get(0);
    assertThat(install.message()).isEqualTo("Helm install succeeded for release web/web.v1 with chart web@1.0.0");
    assertThat(install.metadata()).containsEntry("helm.toolkit.fluxcd.io/revision", "1.0.0")
        .hasEntrySatisfying("helm.toolkit.fluxcd.io/token", t -> assertThat(t).startsWith("sha256:"));
    assertThat(install.reportingController()).isEqualTo("helm-controller");
    assertThat(install.involvedObject().apiVersion()).isEqualTo("helm.toolkit.fluxcd.io/v2");
    assertThat(web().get(1).message()).isEqualTo("Helm upgrade succeeded for release web/web.v2 with chart web@1.0.0");
    assertThat(sent).filteredOn(e -> e.involvedObject().subject().equals("HelmRepository/web/charts"))
        .extracting(Event::reason).first().isEqualTo("NewArtifact");
  }

  @Test
  void aChartVersionTheRepositoryLacksIsAnArtifactFailedErrorOnEveryFailedRun() {
    remote.write("apps/web/release.yaml", release("9.9.9"));
    push(remote.commit("a version nobody published"));
    engine.reconcileHelmRelease(HR, "demo", false);

    assertThat(web()).hasSize(2).allSatisfy(e -> {
      assertThat(e.severity()).isEqualTo(Event.Severity.ERROR);
      assertThat(e.reason()).isEqualTo("ArtifactFailed");
      assertThat(e.message()).startsWith(HR + ": ").contains("9.9.9").doesNotContain("\n");
    });
  }
}
