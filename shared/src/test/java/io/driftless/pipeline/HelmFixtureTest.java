package io.driftless.pipeline;

import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A test class over one {@link HelmReleaseFixture} per test, on the cluster the subclass is
 * parameterised over ({@code @ParameterizedClass @EnumSource(TestCluster.class)}).
 */
abstract class HelmFixtureTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  HelmReleaseFixture fixture;
  KubernetesClient kube;

  @BeforeEach
  void startFixture() throws Exception {
    fixture = new HelmReleaseFixture(tmp, cluster);
    kube = fixture.kube();
  }

  @AfterEach
  void closeFixture() {
    fixture.close();
  }
}
