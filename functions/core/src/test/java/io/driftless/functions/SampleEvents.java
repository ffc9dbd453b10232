package io.driftless.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.model.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample events in the project's {@code events/} directory, which are also what
 * {@code sam local invoke -e} replays. {@link #TEST_SECRET} is the secret github-push.json is signed with.
 */
public final class SampleEvents {
  public static final String TEST_SECRET = "driftless-test-webhook-secret";
  public static final String FLEET_URL = "https://github.com/driftless-example/fleet";

  private SampleEvents() {}

  /** The file's text, found from the module directory the tests run in. */
  public static String text(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("events"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no events/ directory above " + Path.of("").toAbsolutePath());
    }
    try {
      return Files.readString(dir.resolve("events").resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("events/" + name, e);
    }
  }

  public static ObjectNode json(String name) {
    try {
      return (ObjectNode) Yaml.json().readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException("events/" + name, e);
    }
  }

  /** github-push.json's HTTP headers, as GitHub sent them. */
  public static Map<String, String> githubPushHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    json("github-push.json").get("headers").fields()
        .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    headers.remove("host");
    headers.remove("content-length");
    return headers;
  }

  /** github-push.json's body: the exact bytes its signature covers. */
  public static byte[] githubPushBody() {
    JsonNode body = json("github-push.json").get("body");
    return body.asText().getBytes(StandardCharsets.UTF_8);
  }
}
