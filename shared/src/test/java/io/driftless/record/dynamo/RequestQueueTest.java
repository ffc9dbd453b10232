package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.record.ReconcileRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The queue of REQUEST items: spread over partition keys, claimed by one live worker, taken over when it lapses. */
class RequestQueueTest extends StoreTestBase {

  @Test
  void requestsWrittenAtOnceLandOnManyPartitionKeysAndAreAllPending() {
    IntStream.range(0, 200).forEach(i ->
        store.enqueue(ReconcileRequest.item("push-1", "prod-" + i, "flux-system/apps", "push", NOW.toString(), false, true)));

    Set<String> partitions = sharedClient().scanPaginator(b -> b.tableName(table)).items().stream()
        .map(item -> item.get("pk").s()).filter(pk -> pk.startsWith("REQUEST")).collect(Collectors.toSet());

    assertThat(partitions).hasSize(RequestShards.COUNT).allMatch(pk -> pk.matches("REQUEST#\\d+"));
    assertThat(store.pendingRequests()).hasSize(200);
  }

  @Test
  void aWorkItemIsQueuedOncePerWaveEvenAfterItIsDone() {
    ReconcileRequest item = ReconcileRequest.item("push-1", "prod", "flux-system/apps", "push", NOW.toString(), true, false);

    assertThat(store.enqueue(item)).isTrue();
    assertThat(store.enqueue(item)).isFalse();
    assertThat(store.getRequest(item.id())).contains(item);
    store.completeRequest(item.id());

    assertThat(store.enqueue(item)).as("its id stays taken in its wave").isFalse();
    assertThat(store.pendingRequests()).isEmpty();
    assertThat(store.getRequest(item.id())).isEmpty();
    assertThat(store.enqueue(ReconcileRequest.item("push-2", "prod", "flux-system/apps", "push", NOW.toString(), false, true)))
        .as("the next wave queues it again").isTrue();
  }

  @Test
  void aLiveClaimKeepsOthersOutAndALapsedOneIsTakenOver() {
    store.enqueue(new ReconcileRequest("r1", ReconcileRequest.KIND_SOURCE, "flux-system/fleet", "", "push", NOW.toString()));

    assertThat(store.claimRequest("r1", "worker-a", Duration.ofSeconds(20))).get()
        .extracting(c -> c.request().target()).as("the claim carries the request").isEqualTo("flux-system/fleet");
    assertThat(store.claimRequest("r1", "worker-b", Duration.ofSeconds(20))).as("a is alive").isEmpty();
    assertThat(store.claimRequest("r1", "worker-a", Duration.ofSeconds(20))).as("a renews").isPresent();

    store.enqueue(new ReconcileRequest("r2", ReconcileRequest.KIND_SOURCE, "flux-system/fleet", "", "push", NOW.toString()));
    assertThat(store.abandonedRequests(NOW.plusSeconds(19))).as("a's claim is alive, r2 not claimed").isEmpty();
    assertThat(store.abandonedRequests(NOW.plusSeconds(21))).extracting(ReconcileRequest::id).containsExactly("r1");

    DynamoStateStore later = storeAt(NOW.plusSeconds(21));
    assertThat(later.claimRequest("r1", "worker-b", Duration.ofSeconds(20))).as("a stopped renewing").isPresent();
    assertThat(later.claimRequest("r1", "worker-a", Duration.ofSeconds(20))).as("b has it now").isEmpty();

    later.completeRequest("r1");
    assertThat(later.claimRequest("r1", "worker-b", Duration.ofSeconds(20))).as("done").isEmpty();
    Map<String, AttributeValue> done = sharedClient().getItem(b -> b.tableName(table)
        .key(Map.of("pk", AttributeValue.fromS(RequestShards.partitionOf("r1")), "sk", AttributeValue.fromS("r1")))).item();
    assertThat(done).containsKey("ttl").doesNotContainKey("claimedBy");
  }
}
