package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.driftless.local.KubeletStandIn;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The install, upgrade, rollback and uninstall options of a HelmRelease as helm-controller passes them
 * to Helm, end to end on the sandbox and a real API server.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseOptionsEndToEndTest extends HelmFixtureTest {

  private List<StoredRelease> history() {
    return HelmReleaseFixture.history(kube);
  }

  private static Condition ready(HelmReleaseStatus s) {
    return s.condition(Condition.READY).orElseThrow();
  }

  @Test
  void rollbackWithForceAndCleanupOnFailRestoresThePreviousReleaseAndDeletesWhatTheFailedUpgradeCreated()
      throws Exception {
    fixture.reconcile("");
    fixture.serveFailingUpgrade(tmp.resolve("v1.1.0"));

    HelmReleaseStatus status = fixture.reconcile("1.1.0", ", remediation: {retries: 1}",
        "  rollback: {force: true, cleanupOnFail: true, recreate: true}\n");

    assertThat(status.condition(Condition.REMEDIATED).orElseThrow().reason()).isEqualTo("RollbackSucceeded");
    assertThat(ready(status).reason()).isEqualTo("RollbackSucceeded");
    assertThat(kube.configMaps().inNamespace("web").withName("web-extra").get())
        .as("created by the failed upgrade").isNull();
    assertThat(kube.services().inNamespace("web").withName("web-cache").get()).as("kept from v1").isNotNull();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status, StoredRelease::description)
        .containsExactly(tuple(1, ReleaseStatus.SUPERSEDED, "Install complete"),
            tuple(2, ReleaseStatus.FAILED, history().get(1).description()),
            tuple(3, ReleaseStatus.DEPLOYED, "Rollback to 1"));
  }

  @Test
  void aRollbackWhoseApplyFailsDeletesWhatItCreatedWithCleanupOnFail() throws Exception {
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("other").endMetadata().build())
        .create();
    Path v101 = TestCharts.writeChart(tmp.resolve("v1.0.1"), "web", "1.0.1");
    Files.writeString(v101.resolve("templates/keep.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}-keep}\n");
    Files.writeString(v101.resolve("templates/away.yaml"),
        "apiVersion: v1\nkind: Secret\nmetadata: {name: {{ .Release.Name }}-away, namespace: other}\n");
    fixture.serve("1.0.1", TestCharts.packageChart(v101));
    fixture.reconcile("1.0.1", "", "");
    kube.namespaces().withName("other").delete();
    serveJob("1.1.0", "Failed");

    HelmReleaseStatus status = fixture.reconcile("1.1.0", ", remediation: {retries: 1}",
        "  rollback: {cleanupOnFail: true}\n");

    assertThat(status.condition(Condition.REMEDIATED).orElseThrow().reason()).isEqualTo("RollbackFailed");
    assertThat(status.condition(Condition.REMEDIATED).orElseThrow().message()).contains("Secret/other/web-away");
    assertThat(kube.configMaps().inNamespace("web").withName("web-keep").get())
        .as("created by the rollback before its apply failed").isNull();
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .contains(tuple(1, ReleaseStatus.DEPLOYED), tuple(3, ReleaseStatus.FAILED));
  }

  @Test
  void preserveValuesKeepsThePreviousReleasesValuesUnderTheNewOnes() {
    fixture.reconcile("  values: {replicaCount: 2, image: {tag: \"2.0.0\"}}\n");

    HelmReleaseStatus status = fixture.reconcile("1.0.0", ", preserveValues: true",
        "  values: {image: {tag: \"3.0.0\"}}\n");

    assertThat(ready(status).reason()).isEqualTo("UpgradeSucceeded");
    Deployment d = deployment();
    assertThat(d.getSpec().getReplicas()).as("kept from revision 1").isEqualTo(2);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/example/web:3.0.0");
    assertThat(history().get(1).config()).as("helm get values web --revision 2")
        .isEqualTo(Map.of("replicaCount", 2, "image", Map.of("tag", "3.0.0")));
  }

  @Test
  void withoutPreserveValuesTheChartDefaultsComeBack() {
    fixture.reconcile("  values: {replicaCount: 2}\n");

    fixture.reconcile("  values: {image: {tag: \"3.0.0\"}}\n");

    assertThat(deployment().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void disableTakeOwnershipRefusesAnObjectNotAnnotatedForTheReleaseAndTheDefaultAdoptsIt() {
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("web").endMetadata().build())
        .create();
    kube.apps().deployments().inNamespace("web").resource(new DeploymentBuilder()
        .withNewMetadata().withName("web-web").addToLabels("team", "ops").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("ghcr.io/example/web:0.9.0").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();

    HelmReleaseStatus refused = fixture.reconcile("1.0.0", ", disableTakeOwnership: true", "", "");

    assertThat(ready(refused).reason()).isEqualTo("InstallFailed");
    assertThat(ready(refused).message()).contains("Unable to continue with install: Deployment \"web-web\" in"
        + " namespace \"web\" exists and cannot be imported into the current release: invalid ownership metadata;"
        + " label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\";"
        + " annotation validation error: missing key \"meta.helm.sh/release-name\": must be set to \"web\"",
        "spec.install.disableTakeOwnership");
    assertThat(history()).as("no revision written").isEmpty();
    assertThat(deployment().getMetadata().getLabels()).doesNotContainKey("app.kubernetes.io/managed-by");

    HelmReleaseStatus adopted = fixture.reconcile("1.0.0", ", disableTakeOwnership: false", "", "");

    assertThat(ready(adopted).reason()).isEqualTo("InstallSucceeded");
    assertThat(deployment().getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
    assertThat(deployment().getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", "web");
  }

  /** Serves web {@code version} with a Job that the test bed's Job stand-in ends as {@code outcome}. */
  private void serveJob(String version, String outcome) throws Exception {
    Path chart = TestCharts.writeChart(tmp.resolve("job-" + version), "web", version);
    Files.writeString(chart.resolve("templates/job.yaml"), """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{ .Release.Name }}-once
          labels: {%s: %s}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: once, image: busybox}]
        """.formatted(KubeletStandIn.JOB_OUTCOME_LABEL, outcome));
    fixture.serve(version, TestCharts.packageChart(chart));
  }

  @Test
  void disableWaitForJobsDoesNotWaitForAJobToComplete() throws Exception {
    fixture.reconcile("");
    serveJob("1.1.0", "Running");

    HelmReleaseStatus waited = fixture.reconcile("1.1.0", ", timeout: 2s", "");

    assertThat(ready(waited).reason()).isEqualTo("UpgradeFailed");
    assertThat(ready(waited).message()).contains("Job/web/web-once status: 'InProgress'");

    HelmReleaseStatus notWaited = fixture.reconcile("1.1.0", ", timeout: 2s, disableWaitForJobs: true", "");

    assertThat(ready(notWaited).reason()).isEqualTo("UpgradeSucceeded");
    assertThat(kube.batch().v1().jobs().inNamespace("web").withName("web-once").get().getStatus().getSucceeded())
        .as("still running").isNull();
  }

  @Test
  void uninstallWithOrphanPropagationLeavesTheDependentsOfTheReleasesObjects() {
    fixture.reconcile("  uninstall: {deletionPropagation: orphan}\n");
    Deployment owner = deployment();
    kube.configMaps().inNamespace("web").resource(new ConfigMapBuilder().withNewMetadata().withName("web-web-rs")
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("web-web")
        .withUid(owner.getMetadata().getUid()).endOwnerReference().endMetadata().build()).create();

    fixture.remote().delete("web/release.yaml").commit("web leaves Git");
    fixture.reconcileAll();

    assertThat(kube.configMaps().inNamespace("web").withName("web-web-rs").get()).as("the dependent").isNotNull();
    Deployment deleted = deployment();
    if (deleted != null) {
      assertThat(deleted.getMetadata().getFinalizers()).as("left for the garbage collector to orphan")
          .contains("orphan");
    }
    assertThat(history()).isEmpty();
  }

  /** Serves chart "site" (the chart renamed) as version 1.1.0 of the repository's entry web. */
  private void serveRenamedChart() {
    fixture.serve("1.1.0", TestCharts.packaged(tmp.resolve("renamed"), "site", "1.1.0"));
  }

  @Test
  void aRenamedChartUpgradesInPlaceWithInPlaceUpdate() {
    fixture.reconcile("");
    serveRenamedChart();

    HelmReleaseStatus status = fixture.reconcile("1.1.0", ", chartNameChangeStrategy: InPlaceUpdate", "");

    assertThat(ready(status).reason()).isEqualTo("UpgradeSucceeded");
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status, StoredRelease::chartName)
        .containsExactly(tuple(1, ReleaseStatus.SUPERSEDED, "web"), tuple(2, ReleaseStatus.DEPLOYED, "site"));
  }

  @Test
  void aRenamedChartIsReinstalledByDefault() {
    fixture.reconcile("");
    serveRenamedChart();

    HelmReleaseStatus status = fixture.reconcile("1.1.0", "", "");

    assertThat(ready(status).reason()).isEqualTo("InstallSucceeded");
    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status, StoredRelease::chartName)
        .containsExactly(tuple(1, ReleaseStatus.DEPLOYED, "site"));
    assertThat(deployment()).as("uninstalled with the old release").isNull();
  }

  private Deployment deployment() {
    return kube.apps().deployments().inNamespace("web").withName("web-web").get();
  }
}
