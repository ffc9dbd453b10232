package io.driftless.awslocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Stand-in for the SQS event source mapping of template.yaml's work function, following its
 * documented contract (Lambda developer guide, "Using Lambda with Amazon SQS",
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, and "Handling errors for an SQS event
 * source", services-sqs-errorhandling.html): pollers long-poll the queue and invoke the function
 * synchronously with batches of at most {@code BatchSize} messages in Lambda's SQS event shape; at most
 * {@code MaximumConcurrency} invocations run at once; after a successful invocation the messages not
 * named in its {@code batchItemFailures} (ReportBatchItemFailures) are deleted; after a failed one
 * (an error, a timeout, a crashed process) none is, and each becomes visible again when its
 * visibility timeout ends. The queue itself (ElasticMQ) counts receives and moves a message past
 * {@code maxReceiveCount} to the dead-letter queue, as SQS does.
 */
final class SqsEventSourceMapping implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SqsEventSourceMapping.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One invocation: the request ids its messages named, the process that ran it, when, and how it ended. */
  record Invocation(List<String> requestIds, long startNanos, long endNanos, boolean error, String response) {}

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final String region;
  private final FunctionPool function;
  private final int batchSize;
  private final List<Thread> pollers = new ArrayList<>();
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;

  SqsEventSourceMapping(SqsClient sqs, String queueUrl, String queueArn, String region, FunctionPool function,
      int batchSize, int maximumConcurrency) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueArn = queueArn;
    this.region = region;
    this.function = function;
    this.batchSize = batchSize;
    for (int i = 0; i < maximumConcurrency; i++) {
      Thread t = new Thread(this::poll, "event-source-mapping-" + (i + 1));
      t.setDaemon(true);
      pollers.add(t);
      t.start();
    }
  }

  /** Every invocation so far, in the order they ended. */
  List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  private void poll() {
    while (running) {
      try {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
            .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (!batch.isEmpty()) {
          invoke(batch);
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.warning("event source mapping: " + e.getMessage());
        }
      }
    }
  }

  private void invoke(List<Message> batch) {
    List<String> ids = batch.stream().map(SqsEventSourceMapping::requestId).toList();
    long start = System.nanoTime();
    RuntimeApi.Outcome outcome = function.invoke(event(batch).toString(), String.join(" ", ids));
    long end = System.nanoTime();
    invocations.add(new Invocation(ids, start, end, outcome.error(), outcome.body()));
    if (outcome.error()) {
      LOG.info(function.name() + ": invocation failed, its messages come back after their visibility timeout: "
          + outcome.body());
      return;
    }
    Set<String> failed = failures(outcome.body());
    for (Message m : batch) {
      if (!failed.contains(m.messageId())) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
  }

  /** The message ids a partial batch response names ({@code batchItemFailures[].itemIdentifier}). */
  private static Set<String> failures(String response) {
    Set<String> ids = new HashSet<>();
    try {
      JSON.readTree(response).path("batchItemFailures").forEach(f -> ids.add(f.path("itemIdentifier").asText()));
    } catch (IOException e) {
      throw new IllegalStateException("the function's answer is not JSON: " + e.getMessage(), e);
    }
    return ids;
  }

  /** Lambda's SQS event for {@code batch}. */
  private ObjectNode event(List<Message> batch) {
    ObjectNode event = JSON.createObjectNode();
    for (Message m : batch) {
      ObjectNode r = event.withArray("Records").addObject();
      r.put("messageId", m.messageId());
      r.put("receiptHandle", m.receiptHandle());
      r.put("body", m.body());
      ObjectNode attributes = r.putObject("attributes");
      for (Map.Entry<MessageSystemAttributeName, String> a : m.attributes().entrySet()) {
        attributes.put(a.getKey().toString(), a.getValue());
      }
      r.putObject("messageAttributes");
      r.put("md5OfBody", m.md5OfBody());
      r.put("eventSource", "aws:sqs");
      r.put("eventSourceARN", queueArn);
      r.put("awsRegion", region);
    }
    return event;
  }

  /** The REQUEST item's sort key the message's stream record names. */
  private static String requestId(Message m) {
    try {
      JsonNode record = JSON.readTree(m.body());
      return record.path("dynamodb").path("Keys").path("sk").path("S").asText();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    running = false;
    pollers.forEach(Thread::interrupt);
  }
}
