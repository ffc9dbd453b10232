package io.driftless.record.dynamo;

import static io.driftless.record.dynamo.RecordItems.s;

import io.driftless.event.Event;
import io.driftless.record.EventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link EventLog} over the one table ({@link EventItems} has the key design). An event is one
 * {@code BatchWriteItem} of its two items; a list of one object is one Query, the fleet's list one
 * Query per day and shard. Reads skip items whose {@code ttl} has passed (DynamoDB deletes them
 * later, within days).
 */
final class DynamoEventLog implements EventLog {
  private static final int WRITE_ATTEMPTS = 4;
  private static final int BATCH_ITEMS = 25;
  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;

  DynamoEventLog(DynamoDbClient client, String table, Clock clock) {
    this.client = client;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public void append(Event event, Instant expiresAt) {
    write(writesOf(event, expiresAt));
  }

  /** Each event is two items (its object's and its day's); a BatchWriteItem takes 25 items. */
  @Override
  public void appendAll(List<Event> events, Instant expiresAt) {
    List<WriteRequest> writes = new ArrayList<>();
    for (Event event : events) {
      writes.addAll(writesOf(event, expiresAt));
      if (writes.size() > BATCH_ITEMS - 2) {
        write(writes);
        writes = new ArrayList<>();
      }
    }
    if (!writes.isEmpty()) {
      write(writes);
    }
  }

  private List<WriteRequest> writesOf(Event event, Instant expiresAt) {
    Event.InvolvedObject o = event.involvedObject();
    String sk = EventItems.newSortKey(event.timestamp());
    return List.of(
        put(EventItems.item(EventItems.objectPartition(event.cluster(), o.kind(), o.namespace(), o.name()), sk, event, expiresAt)),
        put(EventItems.item(EventItems.dayPartition(event.timestamp(), EventItems.shardOf(event)), sk, event, expiresAt)));
  }

  private void write(List<WriteRequest> writes) {
    Map<String, List<WriteRequest>> pending = Map.of(table, writes);
    for (int attempt = 1; !pending.isEmpty() && attempt <= WRITE_ATTEMPTS; attempt++) {
      Map<String, List<WriteRequest>> batch = pending;
      BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(batch));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException("table " + table + " throttled the event write " + WRITE_ATTEMPTS + " times");
    }
  }

  @Override
  public List<Event> forObject(String cluster, String kind, String namespace, String name, Instant since) {
    return query(EventItems.objectPartition(cluster, kind, namespace, name), since).toList();
  }

  @Override
  public List<Event> since(Instant since) {
    Instant last = clock.instant().plus(Duration.ofDays(1)); // a writer whose clock is ahead past midnight
    List<Event> events = new ArrayList<>();
    for (Instant day = since.truncatedTo(ChronoUnit.DAYS); !day.isAfter(last); day = day.plus(Duration.ofDays(1))) {
      for (int shard = 0; shard < EventItems.SHARDS; shard++) {
        events.addAll(query(EventItems.dayPartition(day, shard), since).toList());
      }
    }
    events.sort(Comparator.comparing(Event::timestamp));
    return events;
  }

  private Stream<Event> query(String partition, Instant since) {
    long now = clock.instant().getEpochSecond();
    return client.queryPaginator(b -> b.tableName(table)
            .keyConditionExpression("#pk = :pk AND #sk >= :from")
            .expressionAttributeNames(Map.of("#pk", TableLayout.PK, "#sk", TableLayout.SK))
            .expressionAttributeValues(Map.of(":pk", s(partition), ":from", s(EventItems.sortKeyFrom(since)))))
        .items().stream()
        .filter(item -> RecordItems.num(item, TableLayout.TTL) >= now)
        .map(EventItems::event);
  }

  private static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }
}
