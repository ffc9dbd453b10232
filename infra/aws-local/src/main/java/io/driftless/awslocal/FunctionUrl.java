package io.driftless.awslocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Stand-in for the webhook function's Function URL: each HTTP request becomes one synchronous
 * invocation with the payload format version 2.0 event, and the function's answer ({@code
 * statusCode}, {@code headers}, {@code body}) becomes the HTTP response (Lambda developer guide,
 * "Invoking Lambda function URLs", https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html:
 * header names lower-cased, repeated headers joined by commas, the body base64 unless it is text).
 * A failed invocation answers 502, as a Function URL does.
 */
final class FunctionUrl implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final FunctionPool function;

  FunctionUrl(FunctionPool function, int port) {
    this.function = function;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "function-url");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      ObjectNode event = JSON.createObjectNode();
      event.put("version", "2.0");
      event.put("routeKey", "$default");
      event.put("rawPath", exchange.getRequestURI().getRawPath());
      event.put("rawQueryString", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
      ObjectNode headers = event.putObject("headers");
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), String.join(",", h.getValue()));
      }
      ObjectNode http = event.putObject("requestContext").putObject("http");
      http.put("method", exchange.getRequestMethod());
      http.put("path", exchange.getRequestURI().getRawPath());
      http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
      boolean text = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).matches("(?i).*(json|text|x-www-form-urlencoded).*");
      event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", !text);
      RuntimeApi.Outcome outcome = function.invoke(event.toString(), "webhook " + exchange.getRequestURI().getRawPath());
      if (outcome.error()) {
        answer(exchange, 502, Map.of("content-type", "application/json"), "{\"Message\":\"Internal Server Error\"}");
        return;
      }
      JsonNode answer = JSON.readTree(outcome.body());
      Map<String, String> answerHeaders = new java.util.LinkedHashMap<>();
      answer.path("headers").fields().forEachRemaining(f -> answerHeaders.put(f.getKey(), f.getValue().asText()));
      answer(exchange, answer.path("statusCode").asInt(200), answerHeaders, answer.path("body").asText(""));
    }
  }

  private static void answer(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
    headers.forEach(exchange.getResponseHeaders()::add);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
