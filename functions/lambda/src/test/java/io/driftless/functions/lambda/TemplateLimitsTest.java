package io.driftless.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml as Lambda, SQS and CloudFormation will take it: every rule AWS documents that the
 * template depends on, read from the template itself (each function's properties over {@code
 * Globals.Function}, then the service default), so a change that {@code sam deploy} would refuse, or
 * that AWS advises against, fails here first. Each rule names the page it comes from.
 */
class TemplateLimitsTest {
  private static final Path TEMPLATE = Path.of("../../template.yaml");

  /** Lambda developer guide, "Lambda quotas": memory 128 MB to 10,240 MB. */
  private static final int MIN_MEMORY = 128;
  private static final int MAX_MEMORY = 10_240;
  /** Lambda developer guide, "Lambda quotas": function timeout 900 seconds (15 minutes). */
  private static final int MAX_TIMEOUT = 900;
  /** Lambda developer guide, "Configure ephemeral storage for Lambda functions": 512 MB to 10,240 MB. */
  private static final int MIN_EPHEMERAL = 512;
  private static final int MAX_EPHEMERAL = 10_240;
  /** Defaults when neither the function nor Globals sets them (AWS::Lambda::Function reference). */
  private static final int DEFAULT_MEMORY = 128;
  private static final int DEFAULT_TIMEOUT = 3;
  /**
   * Lambda developer guide, "Improving startup performance with Lambda SnapStart", "Supported features
   * and limitations": SnapStart does not support provisioned concurrency, Amazon EFS, or ephemeral
   * storage greater than 512 MB; it supports the Java 11 and later managed runtimes, not container images.
   */
  private static final int SNAPSTART_MAX_EPHEMERAL = 512;
  private static final Set<String> SNAPSTART_JAVA_RUNTIMES = Set.of("java11", "java17", "java21", "java25");
  /**
   * Lambda developer guide, "Using Lambda with Amazon SQS", "Configuring a queue to use with Lambda":
   * set the queue's visibility timeout to at least six times the function's timeout, and the redrive
   * policy's maxReceiveCount to at least 5. Creating the event source mapping fails outright when the
   * visibility timeout is below the function timeout.
   */
  private static final int VISIBILITY_TIMES_TIMEOUT = 6;
  private static final int MIN_MAX_RECEIVE_COUNT = 5;
  /** SQS developer guide, "Amazon SQS visibility timeout": the default is 30 seconds. */
  private static final int DEFAULT_VISIBILITY = 30;

  private static JsonNode template;

  @BeforeAll
  static void read() throws IOException {
    template = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
  }

  @Test
  void snapStartRunsOnlyWhereLambdaSupportsIt() {
    List<String> refused = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : functions()) {
      String name = f.getKey();
      if (!property(f.getValue(), "SnapStart").path("ApplyOn").asText("None").equals("PublishedVersions")) {
        continue;
      }
      int ephemeral = ephemeralStorage(f.getValue());
      if (ephemeral > SNAPSTART_MAX_EPHEMERAL) {
        refused.add(name + ": SnapStart with EphemeralStorage.Size " + ephemeral + " MB (at most "
            + SNAPSTART_MAX_EPHEMERAL + " MB)");
      }
      if (!property(f.getValue(), "ProvisionedConcurrencyConfig").isMissingNode()) {
        refused.add(name + ": SnapStart with ProvisionedConcurrencyConfig");
      }
      if (!property(f.getValue(), "FileSystemConfigs").isMissingNode()) {
        refused.add(name + ": SnapStart with FileSystemConfigs (Amazon EFS)");
      }
      String runtime = property(f.getValue(), "Runtime").asText();
      if (!SNAPSTART_JAVA_RUNTIMES.contains(runtime)) {
        refused.add(name + ": SnapStart on Runtime " + runtime + " (SnapStart supports " + SNAPSTART_JAVA_RUNTIMES + ")");
      }
      if (property(f.getValue(), "PackageType").asText("Zip").equals("Image")) {
        refused.add(name + ": SnapStart with PackageType Image");
      }
    }

    assertThat(refused).as("template.yaml: SnapStart where Lambda refuses it (Lambda developer guide, "
        + "\"Improving startup performance with Lambda SnapStart\")").isEmpty();
  }

  @Test
  void memoryTimeoutAndEphemeralStorageAreWithinLambdasQuotas() {
    List<String> outside = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : functions()) {
      int memory = property(f.getValue(), "MemorySize").asInt(DEFAULT_MEMORY);
      int timeout = timeout(f.getValue());
      int ephemeral = ephemeralStorage(f.getValue());
      if (memory < MIN_MEMORY || memory > MAX_MEMORY) {
        outside.add(f.getKey() + ": MemorySize " + memory + " MB (Lambda quotas: " + MIN_MEMORY + "-" + MAX_MEMORY + " MB)");
      }
      if (timeout < 1 || timeout > MAX_TIMEOUT) {
        outside.add(f.getKey() + ": Timeout " + timeout + " s (Lambda quotas: 1-" + MAX_TIMEOUT + " s)");
      }
      if (ephemeral < MIN_EPHEMERAL || ephemeral > MAX_EPHEMERAL) {
        outside.add(f.getKey() + ": EphemeralStorage.Size " + ephemeral + " MB (Lambda ephemeral storage: "
            + MIN_EPHEMERAL + "-" + MAX_EPHEMERAL + " MB)");
      }
    }

    assertThat(outside).as("template.yaml: functions outside Lambda's quotas").isEmpty();
  }

  @Test
  void eachQueueHidesAMessageForSixTimesTheTimeoutOfTheFunctionItFeeds() {
    List<String> feeds = new ArrayList<>();
    List<String> advisedAgainst = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : functions()) {
      for (JsonNode event : f.getValue().path("Properties").path("Events")) {
        if (!event.path("Type").asText().equals("SQS")) {
          continue;
        }
        String queueName = logicalId(event.path("Properties").path("Queue"));
        JsonNode queue = template.path("Resources").path(queueName).path("Properties");
        assertThat(queue.isMissingNode()).as("%s: its SQS event names queue %s, not a resource of template.yaml",
            f.getKey(), queueName).isFalse();
        int visibility = queue.path("VisibilityTimeout").asInt(DEFAULT_VISIBILITY);
        int needed = VISIBILITY_TIMES_TIMEOUT * timeout(f.getValue());
        feeds.add(queueName + " -> " + f.getKey());
        if (visibility < needed) {
          advisedAgainst.add(queueName + ": VisibilityTimeout " + visibility + " s, below " + VISIBILITY_TIMES_TIMEOUT
              + " x " + f.getKey() + "'s Timeout = " + needed + " s");
        }
        int maxReceiveCount = queue.path("RedrivePolicy").path("maxReceiveCount").asInt(0);
        if (maxReceiveCount < MIN_MAX_RECEIVE_COUNT) {
          advisedAgainst.add(queueName + ": RedrivePolicy.maxReceiveCount " + maxReceiveCount + " (at least "
              + MIN_MAX_RECEIVE_COUNT + ", with a dead-letter queue)");
        }
      }
    }

    assertThat(feeds).as("template.yaml: the SQS queues that feed a function").isNotEmpty();
    assertThat(advisedAgainst).as("template.yaml: queues set against Lambda's advice (Lambda developer guide, "
        + "\"Using Lambda with Amazon SQS\": visibility timeout at least six times the function timeout, "
        + "maxReceiveCount at least 5)").isEmpty();
  }

  private static List<Map.Entry<String, JsonNode>> functions() {
    List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
    template.path("Resources").fields().forEachRemaining(r -> {
      String type = r.getValue().path("Type").asText();
      if (type.equals("AWS::Serverless::Function") || type.equals("AWS::Lambda::Function")) {
        found.add(r);
      }
    });
    assertThat(found).as("functions in %s", TEMPLATE).isNotEmpty();
    return found;
  }

  /** The function's own property, else {@code Globals.Function}'s (SAM merges them so). */
  private static JsonNode property(JsonNode function, String name) {
    JsonNode own = function.path("Properties").path(name);
    return own.isMissingNode() ? template.path("Globals").path("Function").path(name) : own;
  }

  private static int timeout(JsonNode function) {
    return property(function, "Timeout").asInt(DEFAULT_TIMEOUT);
  }

  private static int ephemeralStorage(JsonNode function) {
    return property(function, "EphemeralStorage").path("Size").asInt(MIN_EPHEMERAL);
  }

  /** {@code !GetAtt WorkQueue.Arn} (read as the text {@code WorkQueue.Arn}) or {@code {Fn::GetAtt: [WorkQueue, Arn]}}. */
  private static String logicalId(JsonNode reference) {
    JsonNode getAtt = reference.path("Fn::GetAtt");
    if (getAtt.isArray()) {
      return getAtt.path(0).asText();
    }
    String text = getAtt.isMissingNode() ? reference.asText() : getAtt.asText();
    return text.contains(".") ? text.substring(0, text.indexOf('.')) : text;
  }
}
