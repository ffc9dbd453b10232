package io.driftless.record.dynamo;

/**
 * REQUEST items are spread over {@link #COUNT} partition keys, {@code REQUEST#0} to
 * {@code REQUEST#15}, by a hash of the request id, so a fan-out that writes thousands of work items at
 * once does not hit one partition (DynamoDB takes about 1,000 writes a second per partition). The
 * pending list reads every shard. The count is part of the table's format: changing it strands the
 * requests already queued under the old one.
 */
final class RequestShards {
  static final int COUNT = 16;
  static final String PREFIX = TableLayout.REQUEST + "#";

  private RequestShards() {}

  /** The partition key of request {@code id}. */
  static String partitionOf(String id) {
    return PREFIX + Math.floorMod(id.hashCode(), COUNT);
  }

  static String partition(int shard) {
    return PREFIX + shard;
  }
}
