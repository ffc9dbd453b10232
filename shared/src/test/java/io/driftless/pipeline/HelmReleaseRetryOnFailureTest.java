package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.testing.TestCharts;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code install.strategy} and {@code upgrade.strategy} {@code RetryOnFailure}, as
 * fluxcd/flux2-kustomize-helm-example's HelmReleases set them, on the sandbox and a real API server: an
 * install the API server refuses (one object goes to a namespace that does not exist yet) is kept
 * failed, neither uninstalled nor rolled back, and the schedule upgrades it again only once
 * {@code retryInterval} has passed since; when the namespace exists the retry succeeds, and Helm's
 * history shows the failed revisions followed by the deployed one.
 */
@ParameterizedClass
@EnumSource(io.driftless.testing.TestCluster.class)
class HelmReleaseRetryOnFailureTest extends HelmReleaseTestBase {
  private static final String RETRY = "{name: RetryOnFailure, retryInterval: 2m}";

  private List<ReconcileOutcome> tick(Instant at) {
    return engine.schedule(at).outcomes();
  }

  @Test
  void aFailedInstallIsRetriedAsAnUpgradeAfterRetryIntervalWithoutRemediationUntilItSucceeds() throws IOException {
    Path chart = TestCharts.writeChart(tmp.resolve("chart-1.3.0"), "web", "1.3.0");
    Files.writeString(chart.resolve("templates/extra.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-extra, namespace: web-extra}\ndata: {a: b}\n");
    serve("1.3.0", TestCharts.packageChart(chart));
    remote.write("apps/web/release.yaml", release("1.3.0").replace(
        "  install: {disableHooks: true}\n  upgrade: {disableHooks: true}\n",
        "  install: {disableHooks: true, strategy: " + RETRY + ", remediation: {retries: 3}}\n"
            + "  upgrade: {disableHooks: true, strategy: " + RETRY + ", remediation: {retries: 3}}\n"));

    push(remote.commit("a release whose install the API server refuses"));
    Instant failed = Instant.now();

    assertThat(history()).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.FAILED));
    HelmReleaseStatus s = status();
    assertThat(s.condition(Condition.READY).orElseThrow())
        .extracting(Condition::status, Condition::reason).containsExactly(Condition.FALSE, "InstallFailed");
    assertThat(s.condition(Condition.READY).orElseThrow().message()).contains("web-extra");
    assertThat(s.condition(Condition.RECONCILING).orElseThrow())
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(Condition.TRUE, "ProgressingWithRetry", "retrying after 2m0s");
    assertThat(s.condition(Condition.REMEDIATED)).as("not uninstalled").isEmpty();
    assertThat(s.condition(Condition.STALLED)).isEmpty();

    assertThat(tick(failed.plus(Duration.ofMinutes(1)))).as("retryInterval has not passed").isEmpty();
    assertThat(history()).extracting(StoredRelease::version).containsExactly(1);

    assertThat(tick(failed.plus(Duration.ofMinutes(3))))
        .extracting(ReconcileOutcome::kustomization).containsExactly(HR);
    Instant retried = Instant.now();

    assertThat(history()).as("retried as an upgrade, failed again, not rolled back")
        .extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(tuple(1, ReleaseStatus.FAILED), tuple(2, ReleaseStatus.FAILED));
    assertThat(status().condition(Condition.READY).orElseThrow().reason()).isEqualTo("UpgradeFailed");
    assertThat(status().condition(Condition.RECONCILING).orElseThrow().message()).isEqualTo("retrying after 2m0s");
    assertThat(status().condition(Condition.STALLED)).as("remediation.retries do not apply").isEmpty();

    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("web-extra").endMetadata().build())
        .serverSideApply();

    assertThat(tick(retried.plus(Duration.ofMinutes(3))))
        .extracting(ReconcileOutcome::kustomization).containsExactly(HR);

    List<StoredRelease> history = history();
    assertThat(history).extracting(StoredRelease::version).containsExactly(1, 2, 3);
    assertThat(history.get(2).status()).isEqualTo(ReleaseStatus.DEPLOYED);
    assertThat(history.get(2).description()).isEqualTo("Upgrade complete");
    assertThat(history).extracting(StoredRelease::description).as("no rollback").noneMatch(d -> d.startsWith("Rollback"));
    assertThat(kube.configMaps().inNamespace("web-extra").withName("web-extra").get()).isNotNull();
    assertThat(deployment()).isNotNull();
    HelmReleaseStatus done = status();
    assertThat(done.condition(Condition.READY).orElseThrow())
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(Condition.TRUE, "UpgradeSucceeded",
            "Helm upgrade succeeded for release web/web.v3 with chart web@1.3.0");
    assertThat(done.condition(Condition.RECONCILING)).isEmpty();
    assertThat(done.getFailures()).as("cleared by the successful upgrade").isZero();
  }
}
