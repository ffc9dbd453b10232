package io.driftless.helm.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmRuntimeTest {
  @Test
  void onLambdaTheUnsetHelmPathsAreNamed() {
    assertThat(HelmRuntime.missingOnLambda(Map.of("AWS_LAMBDA_FUNCTION_NAME", "driftless-reconcile",
        "HELM_CACHE_HOME", "/tmp/helm/cache")))
        .containsExactly("HELM_CONFIG_HOME", "HELM_DATA_HOME");
  }

  @Test
  void offLambdaNothingIsMissing() {
    assertThat(HelmRuntime.missingOnLambda(Map.of("HOME", "/home/dev"))).isEmpty();
  }
}
