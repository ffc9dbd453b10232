package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a HelmRelease does to its rendered objects, end to end on the sandbox and a real API server:
 * kustomize postRenderers and commonMetadata show on the cluster and in the release's stored manifest
 * (as {@code helm get manifest} prints it), and a change to them upgrades; driftDetection corrects a
 * hand edit (enabled) without a new Helm revision, only reports it (warn), and leaves ignored paths alone;
 * {@code upgrade.cleanupOnFail} deletes what a failed upgrade created.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseRenderingEndToEndTest extends HelmFixtureTest {

  private HelmReleaseStatus reconcile(String extraSpec) {
    return fixture.reconcile(extraSpec);
  }

  private HelmReleaseStatus reconcileAgain() {
    return fixture.reconcileAgain();
  }

  private Deployment deployment() {
    return kube.apps().deployments().inNamespace("web").withName("web-web").get();
  }

  private String image() {
    return deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private List<StoredRelease> history() {
    return HelmReleaseFixture.history(kube);
  }

  private static Condition ready(HelmReleaseStatus s) {
    return s.condition(Condition.READY).orElseThrow();
  }

  /** A hand edit, as {@code kubectl edit} makes one: the image and the replicas of the Deployment. */
  private void handEdit(String image, int replicas) {
    kube.apps().deployments().inNamespace("web").withName("web-web").edit(d -> {
      d.getSpec().setReplicas(replicas);
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
      return d;
    });
  }

  private static final String POST_RENDERERS = """
        postRenderers:
          - kustomize:
              patches:
                - target: {kind: Deployment, name: web-web}
                  patch: |
                    - {op: replace, path: /spec/replicas, value: 3}
              images: [{name: ghcr.io/example/web, newTag: "%s"}]
        commonMetadata:
          labels: {team: payments}
          annotations: {owner: alice}
      """;

  @Test
  void postRenderersAndCommonMetadataShowOnTheClusterAndInTheStoredManifestAndAChangeUpgrades() {
    HelmReleaseStatus installed = reconcile(POST_RENDERERS.formatted("3.0.0"));

    assertThat(installed.isReady()).as(ready(installed).message()).isTrue();
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);
    assertThat(image()).isEqualTo("ghcr.io/example/web:3.0.0");
    assertThat(deployment().getMetadata().getLabels()).containsEntry("team", "payments")
        .containsEntry("helm.toolkit.fluxcd.io/name", "web").containsEntry("app.kubernetes.io/managed-by", "Helm");
    assertThat(deployment().getMetadata().getAnnotations()).containsEntry("owner", "alice");
    assertThat(kube.services().inNamespace("web").withName("web-cache").get().getMetadata().getLabels())
        .as("the subchart's Service").containsEntry("team", "payments");
    String manifest = history().get(0).manifest();
    assertThat(manifest).as("helm get manifest").contains("replicas: 3", "image: ghcr.io/example/web:3.0.0",
        "team: payments", "owner: alice", "helm.toolkit.fluxcd.io/name: web", "helm.toolkit.fluxcd.io/namespace: web");

    HelmReleaseStatus upgraded = reconcile(POST_RENDERERS.formatted("3.1.0"));

    assertThat(ready(upgraded).reason()).isEqualTo("UpgradeSucceeded");
    assertThat(image()).isEqualTo("ghcr.io/example/web:3.1.0");
    assertThat(history()).extracting(StoredRelease::version).containsExactly(1, 2);
    assertThat(history().get(1).manifest()).contains("image: ghcr.io/example/web:3.1.0");
    assertThat(upgraded.getObservedPostRenderersDigest()).startsWith("sha256:")
        .isNotEqualTo(installed.getObservedPostRenderersDigest());
  }

  @Test
  void enabledDriftDetectionUndoesAHandEditWithoutANewRevisionButLeavesAnIgnoredPathAlone() {
    reconcile("""
          driftDetection:
            mode: enabled
            ignore:
              - paths: [/spec/replicas]
                target: {kind: Deployment}
        """);
    handEdit("ghcr.io/example/web:6.6.6", 5);

    HelmReleaseStatus corrected = reconcileAgain();

    assertThat(image()).isEqualTo("ghcr.io/example/web:1.0.0");
    assertThat(deployment().getSpec().getReplicas()).as("an ignored path").isEqualTo(5);
    assertThat(history()).extracting(StoredRelease::version).containsExactly(1);
    assertThat(corrected.isReady()).isTrue();
    assertThat(ready(corrected).reason()).isEqualTo("DriftCorrected");
    assertThat(ready(corrected).message()).isEqualTo("Cluster state of release web/web.v1 was corrected: Deployment/web/web-web");

    HelmReleaseStatus quiet = reconcileAgain();

    assertThat(deployment().getSpec().getReplicas()).isEqualTo(5);
    assertThat(ready(quiet).reason()).as("nothing drifts any more").isEqualTo("InstallSucceeded");
    assertThat(history()).hasSize(1);
  }

  @Test
  void warnDriftDetectionReportsTheDriftedObjectsAndChangesNothing() {
    reconcile("  driftDetection: {mode: warn}\n");
    handEdit("ghcr.io/example/web:6.6.6", 1);

    HelmReleaseStatus warned = reconcileAgain();

    assertThat(image()).isEqualTo("ghcr.io/example/web:6.6.6");
    assertThat(history()).hasSize(1);
    assertThat(warned.isReady()).isTrue();
    assertThat(ready(warned).reason()).isEqualTo("DriftDetected");
    assertThat(ready(warned).message()).isEqualTo("Cluster state of release web/web.v1 has drifted from the desired"
        + " state: Deployment/web/web-web (not corrected: driftDetection mode is warn)");
  }

  @Test
  void withDriftDetectionDisabledAHandEditStays() {
    reconcile("");
    handEdit("ghcr.io/example/web:6.6.6", 1);

    HelmReleaseStatus status = reconcileAgain();

    assertThat(image()).isEqualTo("ghcr.io/example/web:6.6.6");
    assertThat(ready(status).reason()).isEqualTo("InstallSucceeded");
  }

  @Test
  void cleanupOnFailDeletesWhatAFailedUpgradeCreated() throws Exception {
    reconcile("");
    fixture.serveFailingUpgrade(tmp.resolve("v1.1.0"));

    HelmReleaseStatus failed = fixture.reconcile("1.1.0", ", cleanupOnFail: true", "");

    assertThat(ready(failed).reason()).isEqualTo("UpgradeFailed");
    assertThat(ready(failed).message()).contains("Deployment/web/web-web");
    assertThat(kube.configMaps().inNamespace("web").withName("web-extra").get()).as("created by the failed upgrade").isNull();
    assertThat(kube.services().inNamespace("web").withName("web-cache").get()).as("kept from v1").isNotNull();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED), tuple(2, ReleaseStatus.FAILED));
  }
}
