package io.driftless.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftless.model.Yaml;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Secrets Manager stand-in for tests: the JDK's HTTP server answering {@code GetSecretValue} in
 * AWS's JSON protocol. It insists on the request shape the real service needs (POST /, the target
 * and content-type headers, a SigV4 Authorization header) and records each request it accepted.
 */
public final class FakeSecretsManager implements AutoCloseable {
  /** What a request carried, for assertions. */
  public record Call(String authorization, JsonNode body) {}

  private final HttpServer server;
  private final Map<String, String> responses = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private FakeSecretsManager(HttpServer server) {
    this.server = server;
  }

  public static FakeSecretsManager start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeSecretsManager fake = new FakeSecretsManager(server);
    server.createContext("/", fake::handle);
    server.start();
    return fake;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers GetSecretValue for {@code arn} with this response object (JSON text). */
  public FakeSecretsManager answer(String arn, String responseJson) {
    responses.put(arn, responseJson);
    return this;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      boolean shaped =
          exchange.getRequestMethod().equals("POST")
              && exchange.getRequestURI().getPath().equals("/")
              && "secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
              && "application/x-amz-json-1.1".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
              && authorization != null
              && authorization.startsWith("AWS4-HMAC-SHA256 ");
      if (!shaped) {
        reply(exchange, 400, "{\"__type\":\"MalformedRequest\",\"message\":\"not a signed GetSecretValue call\"}");
        return;
      }
      JsonNode body = Yaml.json().readTree(exchange.getRequestBody());
      calls.add(new Call(authorization, body));
      String answer = responses.get(body.path("SecretId").asText());
      if (answer == null) {
        reply(exchange, 400, "{\"__type\":\"ResourceNotFoundException\","
            + "\"message\":\"Secrets Manager can't find the specified secret.\"}");
        return;
      }
      reply(exchange, 200, answer);
    }
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
