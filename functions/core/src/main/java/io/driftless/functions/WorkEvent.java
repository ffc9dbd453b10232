package io.driftless.functions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What the {@code work} function takes: an SQS event whose messages are the table's stream records
 * of queued REQUEST items (as the EventBridge Pipe in template.yaml forwards them), or the stream's
 * own event ({@code dynamodb} in each record). Each record names one request by its sort key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkEvent(@JsonProperty("Records") List<Map<String, Object>> records) {
  private static final Logger LOG = Logger.getLogger(WorkEvent.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One delivered request: the id to report if it fails ({@code messageId} or the stream's sequence number). */
  public record Delivery(String itemIdentifier, String requestId) {}

  public List<Delivery> deliveries() {
    List<Delivery> out = new ArrayList<>();
    for (Map<String, Object> record : records == null ? List.<Map<String, Object>>of() : records) {
      JsonNode node = JSON.valueToTree(record);
      if (node.has("body")) {
        String messageId = node.path("messageId").asText();
        out.add(new Delivery(messageId, requestId(messageId, streamRecord(messageId, node.path("body").asText()))));
      } else {
        out.add(new Delivery(node.path("dynamodb").path("SequenceNumber").asText(), requestId("stream record", node)));
      }
    }
    return out;
  }

  /**
   * The SQS messages this event delivers (none for the stream's own event), whose visibility a live
   * invocation keeps short; a record without a usable queue ARN or receipt handle is left out.
   */
  public List<SqsMessage> sqsMessages() {
    List<SqsMessage> out = new ArrayList<>();
    for (Map<String, Object> record : records == null ? List.<Map<String, Object>>of() : records) {
      if (!"aws:sqs".equals(record.get("eventSource"))) {
        continue;
      }
      try {
        out.add(new SqsMessage(text(record.get("eventSourceARN")), text(record.get("receiptHandle"))));
      } catch (IllegalArgumentException e) {
        LOG.warning("SQS message " + record.get("messageId") + ": its visibility is left to the queue: " + e.getMessage());
      }
    }
    return out;
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }

  private static JsonNode streamRecord(String messageId, String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("SQS message " + messageId + ": body is not a stream record: "
          + e.getOriginalMessage());
    }
  }

  private static String requestId(String origin, JsonNode streamRecord) {
    String id = streamRecord.path("dynamodb").path("Keys").path("sk").path("S").asText("");
    if (id.isEmpty()) {
      throw new IllegalArgumentException(origin + ": dynamodb.Keys.sk.S is missing: not a REQUEST item");
    }
    return id;
  }
}
