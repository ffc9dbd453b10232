package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Reason;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What starts a run and what it sees: a scheduled tick measures intervals against the event's time;
 * {@code reconcile ks} without {@code --with-source} re-applies the revision last fetched, with it
 * fetches the source first, as {@code flux reconcile ks --with-source} does.
 */
class ReconcileTriggersTest {
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;

  @BeforeEach
  void setUp() {
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/demo/apps.yaml", kustomization("apps", "apps", "  retryInterval: 1m\n"))
        .write("apps/cm.yaml", configMap("default", "app", "v1"));
    fleet = LocalFleet.start(tmp).bootstrap(remote, null);
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  private String appliedRevision(String key) {
    return fleet.store().getKustomization("demo", key).map(KustomizationRecord::status).orElseThrow().getLastAppliedRevision();
  }

  @Test
  void aScheduledTickRunsWhatIsDueAtTheEventsTime() {
    remote.commit("apps");
    assertThat(fleet.engine().schedule(Instant.now()).allReady()).isTrue();
    Instant ran = Instant.now();

    ReconcileReport early = fleet.engine().schedule(ran.plus(Duration.ofMinutes(5)));
    ReconcileReport due = fleet.engine().schedule(ran.plus(Duration.ofMinutes(11)));

    assertThat(early.outcomes()).isEmpty();
    assertThat(due.outcomes()).extracting(ReconcileOutcome::kustomization)
        .containsExactly("flux-system/flux-system", "flux-system/apps");
  }

  @Test
  void aFailureIsRetriedAfterItsRetryIntervalFromTheLastAttempt() {
    remote.write("apps/cm.yaml", "kind: ConfigMap\n").commit("apps cannot build");
    assertThat(fleet.engine().schedule(Instant.now()).outcomes()).extracting(ReconcileOutcome::reason)
        .contains(Reason.BUILD_FAILED);
    Instant failed = Instant.now();

    ReconcileReport early = fleet.engine().schedule(failed.plus(Duration.ofSeconds(30)));
    ReconcileReport retried = fleet.engine().schedule(failed.plus(Duration.ofSeconds(61)));

    assertThat(early.outcomes()).isEmpty();
    assertThat(retried.outcomes()).extracting(ReconcileOutcome::kustomization).containsExactly("flux-system/apps");
  }

  @Test
  void withoutWithSourceTheLastFetchedRevisionIsReappliedWithItTheNewOne() {
    String first = remote.commit("v1");
    fleet.engine().reconcile(ManualReconcile.all());
    String second = remote.write("apps/cm.yaml", configMap("default", "app", "v2")).commit("v2");

    fleet.engine().reconcile(new ManualReconcile("apps", null, false));
    String withoutSource = appliedRevision("flux-system/apps");
    String valueWithout = fleet.kube().configMaps().inNamespace("default").withName("app").get().getData().get("value");
    fleet.engine().reconcile(new ManualReconcile("apps", null, true));

    assertThat(withoutSource).isEqualTo("main@sha1:" + first);
    assertThat(valueWithout).isEqualTo("v1");
    assertThat(appliedRevision("flux-system/apps")).isEqualTo("main@sha1:" + second);
    assertThat(fleet.kube().configMaps().inNamespace("default").withName("app").get().getData()).containsEntry("value", "v2");
  }
}
