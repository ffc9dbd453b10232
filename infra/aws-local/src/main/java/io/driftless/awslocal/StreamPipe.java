package io.driftless.awslocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Stand-in for the EventBridge Pipe {@code RequestsToWork} of template.yaml: reads the table's stream
 * (DynamoDB Streams API: DescribeStream, GetShardIterator, GetRecords, on DynamoDB Local), keeps the
 * records its filter pattern matches, and sends each as one SQS message whose body is the record as
 * JSON, as a Pipe with a DynamoDB stream source and an SQS target does (EventBridge user guide,
 * "Amazon DynamoDB stream as a source", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-dynamodb.html:
 * the record's {@code eventName}, {@code dynamodb.Keys}, {@code dynamodb.NewImage} in DynamoDB's JSON;
 * "Filtering", eb-pipes-event-filtering.html). It reads every shard from its start (the table is made
 * with the path, so that is the Pipe's LATEST at deploy time) and each record once, in order per shard.
 */
final class StreamPipe implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StreamPipe.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final EventPattern filter;
  private final SqsClient sqs;
  private final String queueUrl;
  private final String region;
  private final Map<String, String> iterators = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long sent;

  StreamPipe(DynamoDbStreamsClient streams, String streamArn, EventPattern filter, SqsClient sqs, String queueUrl,
      String region) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.filter = filter;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.region = region;
    this.thread = new Thread(this::run, "pipe");
    thread.setDaemon(true);
    thread.start();
  }

  /** Messages sent to the queue so far. */
  long sent() {
    return sent;
  }

  private void run() {
    while (running) {
      try {
        if (!pollOnce()) {
          Thread.sleep(100); // the Pipe polls the stream several times a second
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.warning("pipe: " + e.getMessage());
        }
      }
    }
  }

  /** Reads every shard once; whether any record came. */
  private boolean pollOnce() {
    for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
      iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(b -> b.streamArn(streamArn)
          .shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
    }
    boolean any = false;
    for (Map.Entry<String, String> shard : iterators.entrySet()) {
      if (shard.getValue() == null) {
        continue; // closed and read to its end
      }
      GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(shard.getValue()));
      shard.setValue(page.nextShardIterator());
      for (Record r : page.records()) {
        any = true;
        JsonNode event = event(r);
        if (filter.matches(event)) {
          sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(event.toString()));
          sent++;
        }
      }
    }
    return any;
  }

  /** The record as a Pipe hands it on: Lambda's DynamoDB stream record shape. */
  private ObjectNode event(Record r) {
    ObjectNode e = JSON.createObjectNode();
    e.put("eventID", r.eventID());
    e.put("eventName", r.eventNameAsString());
    e.put("eventVersion", "1.1");
    e.put("eventSource", "aws:dynamodb");
    e.put("awsRegion", region);
    ObjectNode d = e.putObject("dynamodb");
    if (r.dynamodb().approximateCreationDateTime() != null) {
      d.put("ApproximateCreationDateTime", r.dynamodb().approximateCreationDateTime().getEpochSecond());
    }
    d.set("Keys", image(r.dynamodb().keys()));
    if (r.dynamodb().hasNewImage()) {
      d.set("NewImage", image(r.dynamodb().newImage()));
    }
    d.put("SequenceNumber", r.dynamodb().sequenceNumber());
    d.put("SizeBytes", r.dynamodb().sizeBytes());
    d.put("StreamViewType", r.dynamodb().streamViewTypeAsString());
    e.put("eventSourceARN", streamArn);
    return e;
  }

  private static ObjectNode image(Map<String, AttributeValue> item) {
    ObjectNode out = JSON.createObjectNode();
    item.forEach((name, value) -> out.set(name, value(value)));
    return out;
  }

  /** One attribute in DynamoDB's JSON ({@code {"S": "..."}}, {@code {"N": "1"}}, ...). */
  private static JsonNode value(AttributeValue v) {
    ObjectNode out = JSON.createObjectNode();
    switch (v.type()) {
      case S -> out.put("S", v.s());
      case N -> out.put("N", v.n());
      case BOOL -> out.put("BOOL", v.bool());
      case NUL -> out.put("NULL", true);
      case B -> out.put("B", v.b().asByteArray());
      case SS -> v.ss().forEach(out.putArray("SS")::add);
      case NS -> v.ns().forEach(out.putArray("NS")::add);
      case M -> out.set("M", image(v.m()));
      case L -> v.l().forEach(item -> out.withArray("L").add(value(item)));
      default -> out.put("S", String.valueOf(v));
    }
    return out;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
