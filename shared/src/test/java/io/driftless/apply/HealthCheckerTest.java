package io.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.ObjectId;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Waiting for health on the sandbox and a real API server: what Flux's users read when a rollout does not finish. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HealthCheckerTest {
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private static final HealthChecker.Target WEB =
      new HealthChecker.Target(new ObjectId("apps", "Deployment", "default", "web"), "apps/v1");

  private static Deployment web() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  @Test
  void aRolledOutDeploymentIsHealthy() {
    try (TestCluster.Running running = cluster.start(tmp, true)) {
      KubernetesClient client = running.client();
      client.resource(web()).create();

      assertThatCode(() -> new HealthChecker(client, Duration.ofMillis(10)).waitForCurrent(List.of(WEB), Duration.ofSeconds(5)))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aTimeoutNamesEveryObjectThatWasNotReadyAndItsStatus() {
    try (TestCluster.Running running = cluster.start(tmp, false)) {
      KubernetesClient client = running.client();
      client.resource(web()).create();
      HealthChecker.Target missing =
          new HealthChecker.Target(new ObjectId("", "ConfigMap", "default", "absent"), "v1");

      assertThatThrownBy(() -> new HealthChecker(client, Duration.ofMillis(10)).waitForCurrent(List.of(WEB, missing), Duration.ZERO))
          .isInstanceOf(HealthChecker.HealthCheckException.class)
          .hasMessage("timeout waiting for: [Deployment/default/web status: 'InProgress', ConfigMap/default/absent status: 'NotFound']");
    }
  }

  @Test
  void aFailedRolloutFailsAtOnceNamingTheObject() {
    try (TestCluster.Running running = cluster.start(tmp, false)) {
      KubernetesClient client = running.client();
      Deployment created = client.resource(web()).create();
      created.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
          .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
              .withReason("ProgressDeadlineExceeded").build()).build());
      client.resource(created).updateStatus();

      assertThatThrownBy(() -> new HealthChecker(client, Duration.ofMillis(10)).waitForCurrent(List.of(WEB), Duration.ofMinutes(5)))
          .hasMessage("Deployment/default/web status: 'Failed'");
    }
  }

  @Test
  void aNewRevisionEndsAWaitForADeploymentThatNeverBecomesReady() {
    try (TestCluster.Running running = cluster.start(tmp, false)) {
      KubernetesClient client = running.client();
      client.resource(web()).create();
      AtomicInteger asked = new AtomicInteger();
      Supplier<Optional<String>> push = () -> asked.incrementAndGet() < 2 ? Optional.empty()
          : Optional.of("a new revision (github push refs/heads/main@b2c3)");

      assertThatThrownBy(() -> new HealthChecker(client, Duration.ofMillis(10))
          .waitForCurrent(List.of(WEB), Duration.ofMinutes(10), CelHealthRules.NONE, push))
          .isInstanceOf(HealthChecker.CanceledException.class)
          .hasMessage("health check canceled: a new revision (github push refs/heads/main@b2c3) arrived while waiting"
              + " for Deployment/default/web");
      assertThat(asked).as("the wait ends at the poll after the push, not at the timeout").hasValue(2);
    }
  }
}
