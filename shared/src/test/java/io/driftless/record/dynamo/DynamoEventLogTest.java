package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.event.Event;
import io.driftless.event.Event.Severity;
import io.driftless.record.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Events in the table: kept with a TTL, listed per object or for the fleet, newest last, expired ones left out. */
class DynamoEventLogTest extends StoreTestBase {
  /** Near the wall clock: DynamoDB Local deletes items whose {@code ttl} has passed in real time. */
  private static final Instant AT = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  private static Event event(Instant at, String cluster, String name, String reason, String message) {
    return new Event(at, new Event.InvolvedObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", name),
        cluster, Severity.INFO, reason, message, Map.of("kustomize.toolkit.fluxcd.io/revision", "main@sha1:abc"),
        "kustomize-controller");
  }

  @org.junit.jupiter.api.BeforeEach
  void storeOnTheWallClock() {
    store = storeAt(AT);
  }

  @Test
  void anEventIsStoredTwiceWithItsExpiryAsTheTtlAttribute() {
    new EventStore(store.events(), EventStore.DEFAULT_TTL).emit(event(AT, "prod", "apps", "ReconciliationSucceeded", "ok"));

    List<Map<String, AttributeValue>> items = sharedClient().scan(b -> b.tableName(table)).items();
    assertThat(items).hasSize(2).allSatisfy(item ->
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(AT.plus(Duration.ofDays(7)).getEpochSecond())));
    assertThat(items).extracting(i -> i.get("pk").s())
        .containsExactlyInAnyOrder("EVENT#prod#Kustomization/flux-system/apps",
            EventItems.dayPartition(AT, EventItems.shardOf(event(AT, "prod", "apps", "", ""))));
  }

  @Test
  void oneObjectsEventsAndTheFleetsAreListedOldestFirstWithoutExpiredOnes() {
    EventStore events = new EventStore(store.events(), Duration.ofHours(2));
    events.emit(event(AT.minusSeconds(3 * 3600), "prod", "apps", "Old", "expired an hour ago"));
    events.emit(event(AT.minusSeconds(86_400 + 1), "prod", "apps", "Progressing", "yesterday"));
    events.emit(event(AT.minusSeconds(20), "staging", "apps", "ReconciliationSucceeded", "other cluster"));
    for (int i = 0; i < 30; i++) {
      events.emit(event(AT.minusSeconds(10).plusMillis(i), "prod", "app-" + i, "ReconciliationSucceeded", "n" + i));
    }
    events.emit(event(AT.minusSeconds(5), "prod", "apps", "ReconciliationSucceeded", "ConfigMap/default/a configured"));

    List<Event> apps = store.events().forObject("prod", "Kustomization", "flux-system", "apps", Instant.EPOCH);
    List<Event> fleet = storeAt(AT.plusSeconds(3600)).events().since(AT.minus(Duration.ofDays(1)));

    assertThat(apps).extracting(Event::reason).containsExactly("ReconciliationSucceeded");
    assertThat(apps.get(0).metadata()).containsEntry("kustomize.toolkit.fluxcd.io/revision", "main@sha1:abc");
    assertThat(apps.get(0).cluster()).isEqualTo("prod");
    assertThat(fleet).hasSize(32);
    assertThat(fleet).extracting(Event::timestamp).isSorted();
    assertThat(fleet.get(0).cluster()).isEqualTo("staging");
    assertThat(fleet.get(fleet.size() - 1).message()).isEqualTo("ConfigMap/default/a configured");
  }

  @Test
  void aHugeChangeSetIsCutBelowTheItemLimit() {
    String lines = String.join("\n", java.util.Collections.nCopies(5000, "ConfigMap/default/a-rather-long-config-map-name configured"));
    store.events().append(event(AT, "prod", "apps", "ReconciliationSucceeded", lines), AT.plusSeconds(60));

    String stored = store.events().forObject("prod", "Kustomization", "flux-system", "apps", Instant.EPOCH).get(0).message();
    assertThat(stored.length()).isLessThan(EventItems.MAX_MESSAGE + 100);
    assertThat(stored).endsWith("more line(s)").startsWith("ConfigMap/default/a-rather-long-config-map-name configured\n");
  }

  @Test
  void eventsEmittedTogetherAreAllStoredInAsFewBatchesAsTheTableAllows() {
    List<Event> run = new java.util.ArrayList<>();
    for (int i = 0; i < 15; i++) {
      run.add(event(AT.plusMillis(i), "prod", "apps", "ReconciliationSucceeded", "line " + i));
    }
    long before = store.operations().count("BatchWriteItem");

    new EventStore(store.events(), EventStore.DEFAULT_TTL).emitAll(run);

    assertThat(store.events().forObject("prod", "Kustomization", "flux-system", "apps", Instant.EPOCH))
        .extracting(Event::message).containsExactlyElementsOf(run.stream().map(Event::message).toList());
    assertThat(store.operations().count("BatchWriteItem") - before)
        .as("30 items, 25 to a BatchWriteItem").isEqualTo(2);
  }
}
