package io.driftless.record.dynamo;

import static io.driftless.record.dynamo.RecordItems.n;
import static io.driftless.record.dynamo.RecordItems.s;
import static io.driftless.record.dynamo.RecordItems.str;

import io.driftless.event.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an event lives (infra/dynamodb/README.md): once under its object, partition
 * {@code EVENT#<cluster>#<Kind>/<namespace>/<name>}, and once under its day, partition
 * {@code EVENTS#<yyyy-MM-dd>#<shard>} with the shard a hash of the object over {@link #SHARDS}, so
 * neither one object's history nor the whole fleet's day sits on one hot partition. Both sort by
 * {@code <epoch nanos, 19 digits>#<random>}: newest last, unique across writers.
 */
final class EventItems {
  static final String OBJECT_PREFIX = "EVENT#";
  static final String DAY_PREFIX = "EVENTS#";
  /** Part of the table's format, like the request shards: changing it hides the events already stored. */
  static final int SHARDS = 16;
  /** A change set of thousands of objects is cut here, well below DynamoDB's 400 KB item limit. */
  static final int MAX_MESSAGE = 32 * 1024;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private EventItems() {}

  static String objectPartition(String cluster, String kind, String namespace, String name) {
    return OBJECT_PREFIX + cluster + "#" + kind + "/" + namespace + "/" + name;
  }

  static String dayPartition(Instant day, int shard) {
    return DAY_PREFIX + DAY.format(day) + "#" + shard;
  }

  static int shardOf(Event event) {
    Event.InvolvedObject o = event.involvedObject();
    return Math.floorMod((event.cluster() + "#" + o.kind() + "/" + o.namespace() + "/" + o.name()).hashCode(), SHARDS);
  }

  /** The sort key of the first event at or after {@code at}. */
  static String sortKeyFrom(Instant at) {
    return String.format("%019d", at.getEpochSecond() * 1_000_000_000L + at.getNano());
  }

  static String newSortKey(Instant at) {
    return sortKeyFrom(at) + "#" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
  }

  /** The event's two items (object, day), with the same sort key and {@code ttl}. */
  static Map<String, AttributeValue> item(String pk, String sk, Event e, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(TableLayout.PK, s(pk));
    item.put(TableLayout.SK, s(sk));
    item.put(TableLayout.TTL, n(expiresAt.getEpochSecond()));
    item.put("timestamp", s(e.timestamp().toString()));
    item.put("cluster", s(e.cluster()));
    item.put("apiVersion", s(e.involvedObject().apiVersion()));
    item.put("kind", s(e.involvedObject().kind()));
    item.put("namespace", s(e.involvedObject().namespace()));
    item.put("name", s(e.involvedObject().name()));
    item.put("severity", s(e.severity().name()));
    item.put("reason", s(e.reason()));
    item.put("message", s(cut(e.message())));
    item.put("reportingController", s(e.reportingController()));
    if (!e.metadata().isEmpty()) {
      Map<String, AttributeValue> meta = new HashMap<>();
      e.metadata().forEach((k, v) -> meta.put(k, s(v)));
      item.put("metadata", AttributeValue.fromM(meta));
    }
    return item;
  }

  static Event event(Map<String, AttributeValue> item) {
    Map<String, String> meta = new HashMap<>();
    AttributeValue m = item.get("metadata");
    if (m != null && m.hasM()) {
      m.m().forEach((k, v) -> meta.put(k, v.s()));
    }
    return new Event(
        Instant.parse(str(item, "timestamp")),
        new Event.InvolvedObject(str(item, "apiVersion"), str(item, "kind"), str(item, "namespace"), str(item, "name")),
        str(item, "cluster"),
        Event.Severity.valueOf(str(item, "severity")),
        str(item, "reason"),
        str(item, "message"),
        meta,
        str(item, "reportingController"));
  }

  private static String cut(String message) {
    if (message.length() <= MAX_MESSAGE) {
      return message;
    }
    String kept = message.substring(0, message.lastIndexOf('\n', MAX_MESSAGE) > 0 ? message.lastIndexOf('\n', MAX_MESSAGE) : MAX_MESSAGE);
    long more = message.substring(kept.length()).lines().filter(l -> !l.isBlank()).count();
    return kept + "\n… " + more + " more line(s)";
  }
}
