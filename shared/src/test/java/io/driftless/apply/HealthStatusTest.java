package io.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Yaml;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** kstatus rules, one row per behaviour (flux.md §1.7). */
class HealthStatusTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("deployment with every replica ready and Available", """
            kind: Deployment
            metadata: {generation: 2}
            spec: {replicas: 2}
            status: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2,
              conditions: [{type: Available, status: "True"}]}
            """, HealthStatus.CURRENT),
        Arguments.of("deployment whose controller has not seen the new generation", """
            kind: Deployment
            metadata: {generation: 3}
            spec: {replicas: 1}
            status: {observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1,
              conditions: [{type: Available, status: "True"}]}
            """, HealthStatus.IN_PROGRESS),
        Arguments.of("deployment still rolling out", """
            kind: Deployment
            spec: {replicas: 3}
            status: {replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2}
            """, HealthStatus.IN_PROGRESS),
        Arguments.of("deployment past its progress deadline", """
            kind: Deployment
            status: {conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded}]}
            """, HealthStatus.FAILED),
        Arguments.of("job that failed", """
            kind: Job
            status: {conditions: [{type: Failed, status: "True"}]}
            """, HealthStatus.FAILED),
        Arguments.of("running job is in progress (Flux's rule)", """
            kind: Job
            status: {active: 1}
            """, HealthStatus.IN_PROGRESS),
        Arguments.of("suspended job is current", """
            kind: Job
            spec: {suspend: true}
            """, HealthStatus.CURRENT),
        Arguments.of("established CRD", """
            kind: CustomResourceDefinition
            status: {conditions: [{type: Established, status: "True"}]}
            """, HealthStatus.CURRENT),
        Arguments.of("custom resource with no conditions is current", """
            kind: Widget
            status: {}
            """, HealthStatus.CURRENT),
        Arguments.of("custom resource not Ready yet", """
            kind: Widget
            status: {conditions: [{type: Ready, status: "False"}]}
            """, HealthStatus.IN_PROGRESS),
        Arguments.of("stalled custom resource", """
            kind: Widget
            status: {conditions: [{type: Stalled, status: "True"}]}
            """, HealthStatus.FAILED),
        Arguments.of("object being deleted", """
            kind: ConfigMap
            metadata: {deletionTimestamp: "2026-01-01T00:00:00Z"}
            """, HealthStatus.TERMINATING),
        Arguments.of("config map is always current", """
            kind: ConfigMap
            data: {a: b}
            """, HealthStatus.CURRENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void statusFollowsKstatus(String name, String yaml, HealthStatus expected) {
    assertThat(HealthStatus.of(Yaml.readDocuments("test.yaml", yaml).get(0))).isEqualTo(expected);
  }

  static Stream<Arguments> helmWaits() {
    String running = """
        kind: Job
        status: {startTime: "2026-01-01T00:00:00Z", active: 1}
        """;
    String notReadyWidget = """
        kind: Widget
        status: {conditions: [{type: Ready, status: "False"}]}
        """;
    String failedJob = """
        kind: Job
        status: {startTime: "2026-01-01T00:00:00Z", conditions: [{type: Failed, status: "True"}]}
        """;
    return Stream.of(
        Arguments.of("a started Job without waitForJobs", running, "poller", false, HealthStatus.CURRENT),
        Arguments.of("a started Job with waitForJobs", running, "poller", true, HealthStatus.IN_PROGRESS),
        Arguments.of("a failed Job without waitForJobs", failedJob, "poller", false, HealthStatus.FAILED),
        Arguments.of("a Job not started without waitForJobs", "kind: Job\n", "poller", false, HealthStatus.IN_PROGRESS),
        Arguments.of("legacy: a Job without waitForJobs", "kind: Job\n", "legacy", false, HealthStatus.CURRENT),
        Arguments.of("legacy: a started Job with waitForJobs", running, "legacy", true, HealthStatus.IN_PROGRESS),
        Arguments.of("legacy: a custom resource not Ready", notReadyWidget, "legacy", true, HealthStatus.CURRENT),
        Arguments.of("legacy: a Deployment rolling out", """
            kind: Deployment
            spec: {replicas: 2}
            status: {replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}
            """, "legacy", true, HealthStatus.IN_PROGRESS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("helmWaits")
  void helmsWaitStrategiesAndWaitForJobs(String name, String yaml, String strategy, boolean waitForJobs,
      HealthStatus expected) {
    var live = Yaml.readDocuments("test.yaml", yaml).get(0);
    HealthStatus status = strategy.equals("legacy") ? HealthStatus.legacy(live, waitForJobs)
        : waitForJobs ? HealthStatus.of(live) : HealthStatus.startedJobsCurrent(live);
    assertThat(status).isEqualTo(expected);
  }
}
