package io.driftless.awslocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS path as deployed, on one machine with real protocol servers (DynamoDB Local with its stream,
 * ElasticMQ as SQS, the real API server) and the real function.zip in separate processes: a push
 * through the webhook's URL fans out over the stream, the Pipe, the queue and concurrent work
 * processes, and every Kustomization is applied; no item ran in two processes at once.
 * bench/aws-path.sh runs the same at 200 Kustomizations and 8 work processes.
 */
class AwsPathTest {
  private static final int KUSTOMIZATIONS = Integer.getInteger("aws-path.kustomizations", 6);
  private static final int WORK_CONCURRENCY = Integer.getInteger("aws-path.work-concurrency", 3);
  @TempDir Path tmp;

  @Test
  void aPushThroughTheWebhookIsAppliedByConcurrentWorkProcesses() throws Exception {
    try (AwsFleet fleet = new AwsFleet(tmp, WORK_CONCURRENCY, null)) {
      String sha = fleet.write(KUSTOMIZATIONS, "v1").remote.commit("fleet");
      assertThat(fleet.push(sha)).isEqualTo(202);
      assertThat(AwsFleet.await(() -> fleet.attempted(sha, KUSTOMIZATIONS), Duration.ofMinutes(5)))
          .as("every Kustomization attempted at %s; work invocations %s", sha, fleet.path.workInvocations()).isTrue();
      assertThat(fleet.store.listKustomizations()).allMatch(k -> k.status().isReady());
      for (int i = 0; i < KUSTOMIZATIONS; i++) {
        assertThat(fleet.cluster.client().configMaps().inNamespace("default").withName("app-" + i).get())
            .as("ConfigMap default/app-%d", i).isNotNull();
      }
      assertNoItemRanTwiceAtOnce(fleet.path.workInvocations());
      List<String> costs = fleet.costs();
      assertThat(costs).as("a [cost] line per work invocation that ran").hasSizeGreaterThanOrEqualTo(KUSTOMIZATIONS + 2);
      System.out.printf("[aws-path] %d Kustomizations, %d work invocations, %d work processes started; per invocation:%n%s%n",
          KUSTOMIZATIONS, fleet.path.workInvocations().size(), fleet.path.workColdStarts(), String.join("\n", costs));
    }
  }

  /** Invocations that ran the same request (answered with its outcomes) never overlap in time. */
  static void assertNoItemRanTwiceAtOnce(List<SqsEventSourceMapping.Invocation> invocations) {
    Map<String, List<SqsEventSourceMapping.Invocation>> byRequest = invocations.stream()
        .filter(i -> !i.error() && i.response().contains("\"kustomization\""))
        .collect(Collectors.groupingBy(i -> i.requestIds().get(0)));
    byRequest.forEach((id, runs) -> {
      for (SqsEventSourceMapping.Invocation a : runs) {
        for (SqsEventSourceMapping.Invocation b : runs) {
          if (a != b) {
            assertThat(a.endNanos() <= b.startNanos() || b.endNanos() <= a.startNanos())
                .as("request %s ran in two invocations at once", id).isTrue();
          }
        }
      }
    });
  }
}
