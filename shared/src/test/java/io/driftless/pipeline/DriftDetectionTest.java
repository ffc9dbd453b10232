package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCluster;
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
 * Drift through the whole pipeline, on the sandbox and a real API server: a hand edit to a field Git sets
 * is corrected while an annotation added by hand is kept; a Kustomization annotated
 * {@code driftless.io/drift: detect} reports the drift in a Drifted condition and writes nothing.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class DriftDetectionTest {
  private static final String SECRET = "test-webhook-secret";
  private static final String APPS = "flux-system/apps";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;

  @BeforeEach
  void demoAppliedThenEditedByHand() throws Exception {
    remote = GitRemote.create(tmp.resolve("repo"), "main").copyTree(Path.of("../examples"), ".");
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, Files.writeString(tmp.resolve("secret"), SECRET).toString());
    push(remote.commit("demo"));
    editByHand();
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  @Test
  void aHandEditToAFieldFromGitIsCorrectedAndAnAnnotationAddedByHandIsKept() throws Exception {
    push(remote.commit("demo again"));
    assertThat(liveConfig().getData()).as("a push whose build is unchanged leaves drift to the drift check")
        .containsEntry("PODINFO_UI_COLOR", "#ff0000");

    driftCheck();

    assertThat(liveConfig().getData()).containsEntry("PODINFO_UI_COLOR", "#34577c");
    assertThat(liveConfig().getMetadata().getAnnotations()).containsEntry("example.com/owner", "team-a");
    assertThat(status().condition(DriftMode.DRIFTED)).isEmpty();
  }

  @Test
  void detectOnlyReportsEachDriftedObjectAndFieldAndWritesNothing() throws Exception {
    annotateApps("  annotations:\n    driftless.io/drift: detect\n");
    remote.write("apps/podinfo/configmap.yaml", Files.readString(remote.workTree().resolve("apps/podinfo/configmap.yaml"))
        .replace("Hello from Driftless", "Hello again"));
    String configVersion = liveConfig().getMetadata().getResourceVersion();
    String commit = remote.commit("detect drift only, and a new message");

    push(commit);

    Condition drifted = status().condition(DriftMode.DRIFTED).orElseThrow();
    assertThat(drifted.status()).isEqualTo(Condition.TRUE);
    assertThat(drifted.reason()).isEqualTo("DriftDetected");
    assertThat(drifted.message()).startsWith("ConfigMap/podinfo/podinfo-config: ")
        .contains(".data.PODINFO_UI_COLOR", ".data.PODINFO_UI_MESSAGE").doesNotContain("example.com/owner");
    assertThat(status().isReady()).isTrue();
    assertThat(status().condition(Condition.READY).orElseThrow().message())
        .isEqualTo("1 object(s) drifted from revision main@sha1:" + commit + ", not corrected (driftless.io/drift: detect)");
    assertThat(liveConfig().getMetadata().getResourceVersion()).as("nothing written").isEqualTo(configVersion);
    assertThat(liveConfig().getData()).containsEntry("PODINFO_UI_COLOR", "#ff0000")
        .containsEntry("PODINFO_UI_MESSAGE", "Hello from Driftless");

    annotateApps("");
    push(remote.commit("correct drift again"));

    assertThat(liveConfig().getData()).containsEntry("PODINFO_UI_COLOR", "#34577c")
        .containsEntry("PODINFO_UI_MESSAGE", "Hello again");
    assertThat(status().condition(DriftMode.DRIFTED)).isEmpty();
  }

  @Test
  void detectOnlyWithoutDriftSaysSoAndRecordsTheRevision() throws Exception {
    driftCheck();
    annotateApps("  annotations:\n    driftless.io/drift: detect\n");
    String commit = remote.commit("detect drift only");

    push(commit);

    Condition drifted = status().condition(DriftMode.DRIFTED).orElseThrow();
    assertThat(drifted.status()).isEqualTo(Condition.FALSE);
    assertThat(drifted.message()).isEqualTo("No drift from revision main@sha1:" + commit);
    assertThat(status().getLastAppliedRevision()).isEqualTo("main@sha1:" + commit);
  }

  @Test
  void detectOnlyNamesWhatAPruneWouldDeleteAndDeletesNothing() throws Exception {
    driftCheck();
    annotateApps("  annotations:\n    driftless.io/drift: detect\n");
    remote.write("apps/podinfo/kustomization.yaml", Files.readString(remote.workTree().resolve("apps/podinfo/kustomization.yaml"))
        .replace("  - service.yaml\n", ""));

    push(remote.commit("detect only, and the Service left Git"));

    Condition drifted = status().condition(DriftMode.DRIFTED).orElseThrow();
    assertThat(drifted.status()).isEqualTo(Condition.TRUE);
    assertThat(drifted.message()).isEqualTo("Service/podinfo/podinfo: would be pruned (no longer in Git)");
    assertThat(fleet.kube().services().inNamespace("podinfo").withName("podinfo").get()).as("not pruned").isNotNull();
    assertThat(status().getInventory()).as("the inventory still holds it, for the run that prunes")
        .anyMatch(e -> e.objectId().subject().equals("Service/podinfo/podinfo"));
  }

  private void editByHand() {
    fleet.kube().configMaps().inNamespace("podinfo").withName("podinfo-config").edit(cm -> {
      cm.getData().put("PODINFO_UI_COLOR", "#ff0000");
      cm.getMetadata().setAnnotations(Map.of("example.com/owner", "team-a"));
      return cm;
    });
  }

  private void annotateApps(String annotations) throws Exception {
    Path apps = remote.workTree().resolve("clusters/demo/apps.yaml");
    String text = Files.readString(apps).replace("  annotations:\n    driftless.io/drift: detect\n", "");
    Files.writeString(apps, text.replace("  namespace: flux-system\n", "  namespace: flux-system\n" + annotations));
  }

  private io.fabric8.kubernetes.api.model.ConfigMap liveConfig() {
    return fleet.kube().configMaps().inNamespace("podinfo").withName("podinfo-config").get();
  }

  private void push(String commit) {
    var response = fleet.engine().webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main", commit)));
    assertThat(response.status()).isEqualTo(202);
    fleet.engine().drainPending();
  }

  /** A full reconcile of apps, as {@code driftless reconcile ks apps} or its interval's drift check runs one. */
  private void driftCheck() {
    fleet.engine().reconcile(new ManualReconcile(APPS, null, false));
  }

  private KustomizationStatus status() {
    return fleet.store().getKustomization("demo", APPS).map(KustomizationRecord::status).orElseThrow();
  }
}
