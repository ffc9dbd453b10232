package io.driftless.record.dynamo;

import io.driftless.record.ReconcileDurations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A work item's {@link ReconcileDurations} as top-level number attributes ({@code ADD} works on top-level
 * attributes only): {@code durationCount}, {@code durationSum} (seconds), {@code durationLast} (seconds)
 * and {@code durationBucket<i>}
 * for bucket i of {@link ReconcileDurations#BOUNDS} (the last one +Inf), each counting the reconciles
 * in that bucket alone. A stable format: changing the bounds is a migration.
 */
final class DurationItems {
  static final String COUNT = "durationCount";
  static final String SUM = "durationSum";
  static final String LAST = "durationLast";
  static final String BUCKET = "durationBucket";

  private DurationItems() {}

  /** The {@code SET} clause (to follow others) recording the last reconcile's {@code took}; with {@link #add}. */
  static String setLast(Duration took, Map<String, String> names, Map<String, AttributeValue> values) {
    names.put("#dLast", LAST);
    values.put(":dSeconds", AttributeValue.fromN(BigDecimal.valueOf(ReconcileDurations.seconds(took)).toPlainString()));
    return ", #dLast = :dSeconds";
  }

  /** The {@code ADD} clause counting one reconcile that took {@code took}, after {@link #setLast}'s. */
  static String add(Duration took, Map<String, String> names, Map<String, AttributeValue> values) {
    names.put("#dCount", COUNT);
    names.put("#dSum", SUM);
    names.put("#dBucket", BUCKET + ReconcileDurations.bucketOf(took));
    values.put(":dOne", AttributeValue.fromN("1"));
    return " ADD #dCount :dOne, #dSum :dSeconds, #dBucket :dOne";
  }

  static ReconcileDurations read(Map<String, AttributeValue> item) {
    if (!item.containsKey(COUNT)) {
      return ReconcileDurations.NONE;
    }
    List<Long> buckets = new ArrayList<>();
    for (int i = 0; i <= ReconcileDurations.BOUNDS.size(); i++) {
      buckets.add(RecordItems.num(item, BUCKET + i));
    }
    return new ReconcileDurations(buckets, RecordItems.num(item, COUNT), decimal(item, SUM), decimal(item, LAST));
  }

  private static double decimal(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Double.parseDouble(v.n());
  }
}
