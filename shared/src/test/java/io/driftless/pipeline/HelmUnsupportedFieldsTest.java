package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.helm.HelmRelease;
import org.junit.jupiter.api.Test;

/** A HelmRelease field Driftless does not act on is refused by name, unless it is at its default. */
class HelmUnsupportedFieldsTest {

  private static HelmRelease hr(String extraSpec) {
    return TestHelmReleases.parse("web", extraSpec);
  }

  @Test
  void fieldsAtTheirDefaultsAreAccepted() {
    assertThatCode(() -> HelmUnsupportedFields.refuse(hr("""
          driftDetection: {mode: disabled}
          install: {crds: Create, createNamespace: true, serverSideApply: true}
          upgrade: {chartNameChangeStrategy: Reinstall, serverSideApply: auto}
          uninstall: {keepHistory: true, deletionPropagation: background}
          test: {enable: false}
          waitStrategy: {name: poller}
        """))).doesNotThrowAnyException();
  }

  @Test
  void everyFieldSetIsNamedInOneLine() {
    assertThatThrownBy(() -> HelmUnsupportedFields.refuse(hr("""
          test: {enable: true}
          upgrade: {remediation: {retries: 3}, preserveValues: true}
        """)))
        .isInstanceOf(StageFailure.class)
        .hasMessage("HelmRelease/apps/web: spec.test.enable, spec.upgrade.remediation,"
            + " spec.upgrade.preserveValues are not supported by Driftless yet; refused rather than installed without it");
  }

  @Test
  void theFieldsDriftlessActsOnAreAccepted() {
    assertThatCode(() -> HelmUnsupportedFields.refuse(hr("""
          serviceAccountName: deployer
          kubeConfig: {secretRef: {name: remote}}
          driftDetection: {mode: warn, ignore: [{paths: [/spec/replicas]}]}
          postRenderers: [{kustomize: {images: [{name: web, newTag: "2"}]}}]
          commonMetadata: {labels: {team: web}}
          install: {replace: true, disableSchemaValidation: true, disableOpenAPIValidation: true}
          upgrade: {force: true, cleanupOnFail: true, disableSchemaValidation: true, disableOpenAPIValidation: true}
        """))).doesNotThrowAnyException();
  }

  @Test
  void aChartWithHooksInstallsOnlyWithHooksDisabled() {
    assertThatThrownBy(() -> HelmUnsupportedFields.refuseHooks(hr(""), 1, true))
        .hasMessageContaining("HelmRelease/apps/web: the chart has 1 hook(s), which Driftless does not run yet;"
            + " set spec.install.disableHooks: true to install without them");
    assertThatCode(() -> HelmUnsupportedFields.refuseHooks(hr("  install: {disableHooks: true}\n"), 1, true))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> HelmUnsupportedFields.refuseHooks(hr("  install: {disableHooks: true}\n"), 2, false))
        .hasMessageContaining("set spec.upgrade.disableHooks: true to upgrade");
    assertThatCode(() -> HelmUnsupportedFields.refuseHooks(hr(""), 0, false)).doesNotThrowAnyException();
  }
}
