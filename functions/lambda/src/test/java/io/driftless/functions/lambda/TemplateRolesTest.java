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
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each function's role in template.yaml allows exactly the AWS actions the function can call: the
 * actions its code calls (read from the compiled classes, see {@link AwsCalls}) and those AWS calls
 * with the function's role on its behalf; an action the code calls and the role refuses fails here,
 * and so does one the role allows and nothing calls.
 */
class TemplateRolesTest {
  private static final Path TEMPLATE = Path.of("../../template.yaml");
  private static final List<Path> CLASSES =
      List.of(Path.of("../../shared/target/classes"), Path.of("../core/target/classes"), Path.of("target/classes"));
  private static final String FUNCTIONS = "io/driftless/functions/DriftlessFunctions";
  /**
   * Calls no function makes on AWS: DynamoStores creates the table (describe, create, wait, TTL) only
   * for the embedded store and a DynamoDB endpoint ({@code DRIFTLESS_DYNAMODB_ENDPOINT}, which the
   * template does not set; the AWS table is the template's {@code Table}).
   */
  private static final Set<String> LOCAL_ONLY = Set.of(
      "io/driftless/record/dynamo/DynamoStores.embedded", "io/driftless/record/dynamo/DynamoStores.endpoint");
  /**
   * What AWS calls with the function's role: the logs every function writes (Lambda developer guide,
   * "Defining Lambda function permissions with an execution role", AWSLambdaBasicExecutionRole), and
   * for a function with an SQS event, the event source mapping's polling ("Using Lambda with Amazon
   * SQS", "Execution role permissions").
   */
  private static final Set<String> LAMBDA_ITSELF = Set.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");
  private static final Set<String> SQS_EVENT_SOURCE = Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");

  @Test
  void eachRoleAllowsWhatItsFunctionsCallAndNothingMore() throws IOException {
    JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
    AwsCalls calls = new AwsCalls(CLASSES);
    Map<String, Set<String>> needed = new TreeMap<>();
    template.path("Resources").fields().forEachRemaining(r -> {
      JsonNode properties = r.getValue().path("Properties");
      if (!r.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
        return;
      }
      String role = properties.path("Role").asText().replace(".Arn", "");
      String export = properties.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText();
      Set<String> actions = needed.computeIfAbsent(role, k -> new TreeSet<>(LAMBDA_ITSELF));
      actions.addAll(calls.actions(FUNCTIONS, export, LOCAL_ONLY));
      properties.path("Events").forEach(e -> {
        if (e.path("Type").asText().equals("SQS")) {
          actions.addAll(SQS_EVENT_SOURCE);
        }
      });
    });

    List<String> wrong = new ArrayList<>();
    needed.forEach((role, called) -> {
      Set<String> allowed = allowed(template.path("Resources").path(role));
      called.stream().filter(a -> !allowed.contains(a)).forEach(a -> wrong.add(role + ": refuses " + a + ", which its functions call"));
      allowed.stream().filter(a -> !called.contains(a)).forEach(a -> wrong.add(role + ": allows " + a + ", which nothing calls"));
    });

    assertThat(needed).as("roles of the functions in %s", TEMPLATE).isNotEmpty();
    assertThat(wrong).as("template.yaml: roles against the AWS calls of their functions").isEmpty();
  }

  private static Set<String> allowed(JsonNode role) {
    Set<String> actions = new TreeSet<>();
    for (JsonNode policy : role.path("Properties").path("Policies")) {
      for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
        // !If [HasSecrets, statement, !Ref AWS::NoValue] reads as that three-element list: its statement
        JsonNode effective = statement.isArray() ? statement.path(1) : statement;
        JsonNode action = effective.path("Action");
        if (action.isArray()) {
          action.forEach(a -> actions.add(a.asText()));
        } else if (!action.isMissingNode()) {
          actions.add(action.asText());
        }
      }
    }
    return actions;
  }
}
