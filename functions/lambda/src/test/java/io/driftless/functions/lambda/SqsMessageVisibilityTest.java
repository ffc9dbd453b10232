package io.driftless.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.driftless.functions.LogLines;
import io.driftless.functions.SqsMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQS client's ChangeMessageVisibility as it goes over the wire, to a local HTTP server that
 * answers as SQS's JSON protocol does; and the skip where the environment has no credentials.
 */
class SqsMessageVisibilityTest {
  private static final String HANDLE = "AQEBsecret-handle";
  private static final SqsMessage MESSAGE = new SqsMessage("arn:aws:sqs:eu-west-1:123456789012:driftless-work", HANDLE);

  private final List<String> targets = new ArrayList<>();
  private final List<JsonNode> bodies = new ArrayList<>();
  private LogLines log;
  private HttpServer sqs;
  private volatile int status = 200;

  @BeforeEach
  void startSqs() throws IOException {
    sqs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sqs.createContext("/", exchange -> {
      synchronized (bodies) {
        targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        bodies.add(new ObjectMapper().readTree(exchange.getRequestBody()));
      }
      byte[] answer = (status == 200 ? "{}"
          : "{\"__type\":\"com.amazonaws.sqs#ReceiptHandleIsInvalid\",\"message\":\"The input receipt handle \\\""
              + HANDLE + "\\\" is not a valid receipt handle.\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    sqs.start();
    log = new LogLines(SqsMessageVisibility.class);
  }

  @AfterEach
  void stopSqs() {
    log.close();
    sqs.stop(0);
  }

  @Test
  void changesTheVisibilityOfTheMessageOnItsQueue() {
    SqsMessageVisibility visibility = new SqsMessageVisibility(withCredentials());
    try {
      visibility.change(MESSAGE, Duration.ofSeconds(30));
    } finally {
      visibility.close();
    }

    assertThat(targets).containsExactly("AmazonSQS.ChangeMessageVisibility");
    JsonNode body = bodies.get(0);
    assertThat(body.path("QueueUrl").asText()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/driftless-work");
    assertThat(body.path("ReceiptHandle").asText()).isEqualTo(HANDLE);
    assertThat(body.path("VisibilityTimeout").asInt()).isEqualTo(30);
  }

  @Test
  void aRefusalNamesSqsAnswerButNotTheReceiptHandleItQuotes() {
    status = 400;
    SqsMessageVisibility visibility = new SqsMessageVisibility(withCredentials());
    try {
      assertThatThrownBy(() -> visibility.change(MESSAGE, Duration.ofSeconds(30)))
          .hasMessageContaining("SQS answered 400 ReceiptHandleIsInvalid")
          .hasMessageNotContaining(HANDLE);
    } finally {
      visibility.close();
    }
  }

  @Test
  void withoutCredentialsNothingIsSentAndThatIsSaidOnce() {
    SqsMessageVisibility visibility =
        new SqsMessageVisibility(Map.of("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + sqs.getAddress().getPort()));
    visibility.change(MESSAGE, Duration.ofSeconds(30));
    visibility.change(MESSAGE, Duration.ofSeconds(30));
    visibility.close();

    assertThat(targets).isEmpty();
    assertThat(log.lines()).containsExactly(
        "no AWS credentials in the environment: work messages keep the queue's visibility timeout");
  }

  private Map<String, String> withCredentials() {
    return Map.of("AWS_ACCESS_KEY_ID", "test-key", "AWS_SECRET_ACCESS_KEY", "test-secret",
        "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + sqs.getAddress().getPort());
  }
}
