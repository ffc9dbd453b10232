package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code spec.postRenderStrategy} on the sandbox and a real API server, with a chart holding a hook (a
 * {@code post-install,post-upgrade} ConfigMap, kept by Helm's default {@code before-hook-creation}
 * policy) and a post-renderer patch labelling every ConfigMap: unset (Flux 2.9's default
 * {@code combined}) the hook on the cluster and in the stored release carries the patch; under
 * {@code nohooks} the next upgrade's hook does not, and the release's own ConfigMap still does.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmPostRenderStrategyTest extends HelmFixtureTest {
  private static final String PATCH = """
        postRenderers:
          - kustomize:
              patches:
                - target: {kind: ConfigMap}
                  patch: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: any, labels: {patched: "yes"}}
      """;


  @BeforeEach
  void serveTheChart() throws Exception {
    fixture.serveChart(tmp.resolve("hooked"), "3.0.0", Map.of("settings.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: {{ .Release.Name }}-settings}
        data: {step: {{ .Values.step | quote }}}
        """, "hook.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-hook
          annotations: {"helm.sh/hook": "post-install,post-upgrade"}
        data: {step: {{ .Values.step | quote }}}
        """));
  }

  private HelmReleaseStatus commit(String step, String extraSpec) {
    return fixture.commit(HelmReleaseFixture.release("web", "3.0.0", "  values: {step: \"" + step + "\"}\n" + PATCH
        + extraSpec), "web at step " + step + " " + extraSpec.strip());
  }

  private ConfigMap configMap(String name) {
    return kube.configMaps().inNamespace("web").withName(name).get();
  }

  private static Condition ready(HelmReleaseStatus s) {
    return s.condition(Condition.READY).orElseThrow();
  }

  @Test
  void byDefaultThePatchReachesTheHookAndUnderNohooksItDoesNot() {
    HelmReleaseStatus installed = commit("1", "");

    assertThat(installed.isReady()).as(ready(installed).message()).isTrue();
    assertThat(configMap("web-hook").getData()).containsEntry("step", "1");
    assertThat(configMap("web-hook").getMetadata().getLabels()).as("the hook, combined").containsEntry("patched", "yes");
    assertThat(configMap("web-settings").getMetadata().getLabels()).containsEntry("patched", "yes");
    List<StoredRelease> history = HelmReleaseFixture.history(kube);
    assertThat(history.get(0).hooks()).singleElement()
        .satisfies(h -> assertThat(h.manifest()).as("helm get hooks").contains("patched: \"yes\""));

    HelmReleaseStatus upgraded = commit("2", "  postRenderStrategy: nohooks\n");

    assertThat(ready(upgraded).reason()).as(ready(upgraded).message()).isEqualTo("UpgradeSucceeded");
    assertThat(configMap("web-hook").getData()).as("the hook ran again").containsEntry("step", "2");
    assertThat(configMap("web-hook").getMetadata().getLabels()).as("the hook, nohooks").doesNotContainKey("patched");
    assertThat(configMap("web-settings").getMetadata().getLabels()).containsEntry("patched", "yes");
  }
}
