package io.driftless.awslocal;

import static io.driftless.awslocal.AwsPathTest.assertNoItemRanTwiceAtOnce;
import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.KustomizationStatus;
import io.driftless.record.KustomizationRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What SQS and Lambda promise when a work invocation dies or keeps failing, on the AWS path: a work
 * process killed with SIGKILL in the middle of an item (applied, waiting for health) leaves its
 * message to come back, another process finishes the item, and nothing it applied is pruned; a
 * message that fails every time lands in the dead-letter queue after the template's maxReceiveCount.
 */
class AwsPathRecoveryTest {
  @TempDir Path tmp;

  @Test
  void aKilledWorkProcessLeavesItsItemToAnotherWhichFinishesItPruningNothing() throws Exception {
    try (AwsFleet fleet = new AwsFleet(tmp, 2, null)) {
      fleet.write(1, "v1")
          .remote.write("clusters/demo/slow.yaml", kustomization("slow", "slow", "  wait: true\n  timeout: 40s\n"))
          .write("slow/cm.yaml", configMap("default", "slow", "v1"))
          .write("slow/deploy.yaml", """
              apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: slow
                namespace: default
              spec:
                selector:
                  matchLabels: {app: slow}
                template:
                  metadata:
                    labels: {app: slow}
                  spec:
                    containers:
                      - name: app
                        image: registry.example/slow:1
              """);
      String sha = fleet.remote.commit("a Kustomization whose Deployment never becomes ready");
      assertThat(fleet.push(sha)).isEqualTo(202);

      // mid-item: its objects applied, the item still running (waiting for a health that never comes)
      assertThat(AwsFleet.await(() -> slowRunner(fleet).isPresent()
          && fleet.cluster.client().configMaps().inNamespace("default").withName("slow").get() != null, Duration.ofMinutes(3)))
          .as("the item flux-system/slow runs in a work process; invocations %s", fleet.path.workInvocations()).isTrue();
      long pid = slowRunner(fleet).orElseThrow();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL, as kill -9

      assertThat(AwsFleet.await(() -> slow(fleet).map(KustomizationRecord::status).map(KustomizationStatus::getLastAttemptedRevision)
          .filter(r -> r.endsWith(sha)).isPresent() && slowRuns(fleet).stream().anyMatch(i -> !i.error()), Duration.ofMinutes(3)))
          .as("flux-system/slow finished by another process; invocations %s", fleet.path.workInvocations()).isTrue();
      List<SqsEventSourceMapping.Invocation> slowRuns = slowRuns(fleet);
      assertThat(slowRuns).as("the killed invocation, then the redelivered message's").hasSizeGreaterThanOrEqualTo(2);
      assertThat(slowRuns.get(0).error()).isTrue();
      assertThat(slowRuns.get(0).response()).contains("Runtime.ExitError");
      assertThat(slow(fleet).orElseThrow().status().isReady()).as("its Deployment never became ready").isFalse();
      assertThat(fleet.cluster.client().configMaps().inNamespace("default").withName("slow").get()).as("nothing pruned").isNotNull();
      assertThat(fleet.cluster.client().apps().deployments().inNamespace("default").withName("slow").get()).as("nothing pruned")
          .isNotNull();
      assertThat(slow(fleet).orElseThrow().status().getInventory()).extracting(e -> e.id())
          .contains("default_slow__ConfigMap", "default_slow_apps_Deployment");
      assertNoItemRanTwiceAtOnce(fleet.path.workInvocations());
    }
  }

  @Test
  void aMessageThatFailsEveryTimeLandsInTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
    try (AwsPath path = AwsPath.start(new AwsPath.Options(Path.of(System.getProperty("driftless.function-zip")),
        Path.of("../../template.yaml"), tmp.resolve("aws-path"), 0, 1, Duration.ofSeconds(2), Map.of()))) {
      String poison = "{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"REQUEST#0\"}}}}"; // no sort key
      path.sqs().sendMessage(b -> b.queueUrl(path.queueUrl()).messageBody(poison));
      assertThat(AwsFleet.await(() -> !deadLetters(path).isEmpty(), Duration.ofMinutes(3)))
          .as("the dead-letter queue; invocations %s", path.workInvocations()).isTrue();
      assertThat(deadLetters(path)).extracting(Message::body).containsExactly(poison);
      assertThat(path.workInvocations()).hasSize(path.maxReceiveCount()).allMatch(SqsEventSourceMapping.Invocation::error);
    }
  }

  private static List<Message> deadLetters(AwsPath path) {
    return path.sqs().receiveMessage(b -> b.queueUrl(path.deadLettersUrl()).visibilityTimeout(0)).messages();
  }

  private static Optional<Long> slowRunner(AwsFleet fleet) {
    return fleet.path.busyWorkProcesses().entrySet().stream().filter(e -> e.getValue().endsWith("#flux-system/slow"))
        .map(Map.Entry::getKey).findFirst();
  }

  private static List<SqsEventSourceMapping.Invocation> slowRuns(AwsFleet fleet) {
    return fleet.path.workInvocations().stream().filter(i -> i.requestIds().get(0).endsWith("#flux-system/slow")).toList();
  }

  private static Optional<KustomizationRecord> slow(AwsFleet fleet) {
    return fleet.store.getKustomization("demo", "flux-system/slow");
  }
}
