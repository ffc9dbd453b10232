package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.testing.TestCluster;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flux's CEL fields on a HelmRelease, on the sandbox and a real API server: {@code healthCheckExprs}
 * deciding the release wait for a custom resource the chart installs (cert-manager's ClusterIssuer,
 * its CRD applied beforehand by the Kustomization, with onedr0p/home-ops's expressions, as
 * {@link CelHealthChecksTest} runs them for a Kustomization) as the test moves its status; an expression
 * that does not parse stalling the release before anything is installed; and a
 * {@code dependsOn[].readyExpr} between two HelmReleases.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmReleaseCelTest extends HelmFixtureTest {
  @BeforeEach
  void serveTheChart() throws Exception {
    fixture.serveChart(tmp.resolve("issuer"), "2.0.0", Map.of("issuer.yaml", CelHealthChecksTest.ISSUER, "step.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: {{ .Release.Name }}-step}
        data: {step: {{ .Values.step | quote }}}
        """));
    fixture.remote().write("web/crd.yaml", CelHealthChecksTest.CRD);
  }

  /** HelmRelease web/web of the issuer chart at {@code step} (a value), hooks off, a wait of one look. */
  private HelmReleaseStatus commit(String step, String extraSpec) {
    return fixture.commit(HelmReleaseFixture.release("web", "2.0.0", """
          timeout: 0s
          install: {disableHooks: true}
          upgrade: {disableHooks: true}
          values: {step: "%s"}
        """.formatted(step) + extraSpec), "web at step " + step);
  }

  private HelmReleaseStatus status(String key) {
    return fixture.fleet().store().getHelmObject("demo", key).map(HelmRecord::status).orElseThrow();
  }

  private static Condition ready(HelmReleaseStatus s) {
    return s.condition(Condition.READY).orElseThrow();
  }

  @Test
  void theCelRulesDecideTheReleaseWaitAsTheCustomResourcesStatusMoves() {
    Condition noStatus = ready(commit("1", CelHealthChecksTest.ISSUER_EXPRS));

    assertThat(noStatus.reason()).isEqualTo("InstallFailed");
    assertThat(noStatus.message()).contains("timeout waiting for: [ClusterIssuer/letsencrypt-production status: 'Unknown': "
        + "failed to evaluate the CEL expression 'status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')'");

    CelHealthChecksTest.issuerReady(kube, "Unknown");
    Condition inProgress = ready(commit("2", CelHealthChecksTest.ISSUER_EXPRS));

    assertThat(inProgress.reason()).isEqualTo("UpgradeFailed");
    assertThat(inProgress.message()).endsWith("timeout waiting for: [ClusterIssuer/letsencrypt-production status: 'InProgress']");

    CelHealthChecksTest.issuerReady(kube, "True");
    HelmReleaseStatus current = commit("3", CelHealthChecksTest.ISSUER_EXPRS);

    assertThat(current.isReady()).as(ready(current).message()).isTrue();
    assertThat(ready(current).reason()).isEqualTo("UpgradeSucceeded");
    assertThat(HelmReleaseFixture.history(kube)).extracting(StoredRelease::status).last().isEqualTo(ReleaseStatus.DEPLOYED);

    CelHealthChecksTest.issuerReady(kube, "False");
    Condition failed = ready(commit("4", CelHealthChecksTest.ISSUER_EXPRS));

    assertThat(failed.reason()).isEqualTo("UpgradeFailed");
    assertThat(failed.message()).endsWith("ClusterIssuer/letsencrypt-production status: 'Failed'");
    assertThat(HelmReleaseFixture.history(kube)).extracting(StoredRelease::status).last().isEqualTo(ReleaseStatus.FAILED);
  }

  @Test
  void withoutRulesKstatusDecidesAndACustomResourceWithoutStatusIsCurrent() {
    HelmReleaseStatus installed = commit("1", "");

    assertThat(installed.isReady()).as(ready(installed).message()).isTrue();
    assertThat(ready(installed).reason()).isEqualTo("InstallSucceeded");
  }

  @Test
  void anExpressionThatDoesNotParseStallsTheReleaseNamingItAndInstallsNothing() {
    HelmReleaseStatus stalled = commit("1", """
          healthCheckExprs:
            - apiVersion: cert-manager.io/v1
              kind: ClusterIssuer
              current: status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True'
        """);

    assertThat(ready(stalled).status()).isEqualTo("False");
    assertThat(ready(stalled).reason()).isEqualTo("InvalidCELExpression");
    assertThat(ready(stalled).message()).startsWith("Reconciliation failed terminally due to configuration error: "
        + "failed to create custom status evaluator for healthchecks[0]: failed to parse the expression Current: "
        + "failed to parse the CEL expression 'status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True'': ERROR: ");
    assertThat(stalled.condition(Condition.STALLED)).hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("InvalidCELExpression"));
    assertThat(HelmReleaseFixture.history(kube)).as("no release").isEmpty();
    assertThat(kube.configMaps().inNamespace("web").withName("web-step").get()).as("nothing applied").isNull();
  }

  /** HelmRelease web/{@code name} of chart web 1.0.0 (a Deployment and a Service), hooks and CRDs off, after web. */
  private static String dependent(String name, String readyExpr) {
    return HelmReleaseFixture.release(name, "1.0.0", """
          install: {disableHooks: true, crds: Skip}
          dependsOn:
            - name: web
              readyExpr: >-
                %s
        """.formatted(readyExpr));
  }

  @Test
  void aReadyExprBetweenTwoHelmReleasesGatesTheDependentInsteadOfTheReadyCheck() {
    fixture.remote()
        .write("web/app.yaml", dependent("app", "dep.status.conditions.filter(c, c.type == 'Ready').all(c, c.status == 'True')"
            + " && dep.metadata.generation == dep.status.observedGeneration"))
        .write("web/relaxed.yaml", dependent("relaxed",
            "self.metadata.name == 'relaxed' && dep.spec.chart.spec.chart == 'web'"));

    Condition webFailed = ready(commit("1", CelHealthChecksTest.ISSUER_EXPRS));

    assertThat(webFailed.reason()).isEqualTo("InstallFailed");
    Condition waiting = ready(status("HelmRelease/web/app"));
    assertThat(waiting.reason()).isEqualTo("DependencyNotReady");
    assertThat(waiting.message()).isEqualTo("HelmRelease/web/app: dependency 'HelmRelease/web/web' is not ready"
        + " according to readyExpr eval");
    assertThat(kube.apps().deployments().inNamespace("web").withName("app-web").get()).isNull();
    HelmReleaseStatus relaxed = status("HelmRelease/web/relaxed");
    assertThat(relaxed.isReady()).as("its readyExpr replaces the Ready check: " + ready(relaxed).message()).isTrue();
    assertThat(kube.apps().deployments().inNamespace("web").withName("relaxed-web").get()).isNotNull();

    CelHealthChecksTest.issuerReady(kube, "True");
    HelmReleaseStatus web = commit("2", CelHealthChecksTest.ISSUER_EXPRS);

    assertThat(web.isReady()).as(ready(web).message()).isTrue();
    HelmReleaseStatus app = status("HelmRelease/web/app");
    assertThat(app.isReady()).as(ready(app).message()).isTrue();
    assertThat(kube.apps().deployments().inNamespace("web").withName("app-web").get()).isNotNull();
  }
}
