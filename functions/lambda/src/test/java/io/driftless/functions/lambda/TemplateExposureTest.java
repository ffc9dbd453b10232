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
import org.junit.jupiter.api.Test;

/**
 * On Lambda each function is its own deployment behind IAM: only the webhook (which checks the Git
 * host's signature itself) has a public URL. No other function has a Function URL, an API or HTTP API
 * event, or a resource policy that lets anyone invoke it.
 */
class TemplateExposureTest {
  private static final Path TEMPLATE = Path.of("../../template.yaml");
  private static final Set<String> PUBLIC_EVENTS = Set.of("Api", "HttpApi");

  @Test
  void onlyTheWebhookFunctionIsReachableWithoutCredentials() throws IOException {
    JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile()).path("Resources");
    List<String> open = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : (Iterable<Map.Entry<String, JsonNode>>) resources::fields) {
      JsonNode properties = r.getValue().path("Properties");
      String type = r.getValue().path("Type").asText();
      String export = properties.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText();
      if (type.equals("AWS::Serverless::Function") && !export.equals("webhook")) {
        if (properties.has("FunctionUrlConfig")) {
          open.add(r.getKey() + " (" + export + "): FunctionUrlConfig");
        }
        properties.path("Events").forEach(e -> {
          if (PUBLIC_EVENTS.contains(e.path("Type").asText())) {
            open.add(r.getKey() + " (" + export + "): event " + e.path("Type").asText());
          }
        });
      }
      if (type.equals("AWS::Lambda::Url") || type.equals("AWS::Lambda::Permission")
          && properties.path("Principal").asText().equals("*")) {
        open.add(r.getKey() + ": " + type + " (the webhook's URL comes from its FunctionUrlConfig)");
      }
    }

    assertThat(open).as("functions reachable without IAM credentials in template.yaml").isEmpty();
  }
}
