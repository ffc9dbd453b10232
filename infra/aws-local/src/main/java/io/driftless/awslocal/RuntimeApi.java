package io.driftless.awslocal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Stand-in for the Lambda Runtime API endpoint of one execution environment: what the runtime client
 * inside the function's process ({@code AWS_LAMBDA_RUNTIME_API}) polls for its next event and answers
 * to. Follows AWS's contract (Lambda developer guide, "Using the Lambda runtime API for custom
 * runtimes", https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html): {@code GET
 * /2018-06-01/runtime/invocation/next} blocks until an event and answers it with the headers {@code
 * Lambda-Runtime-Aws-Request-Id}, {@code Lambda-Runtime-Deadline-Ms}, {@code
 * Lambda-Runtime-Invoked-Function-Arn} and {@code Lambda-Runtime-Trace-Id}; {@code POST
 * /2018-06-01/runtime/invocation/{id}/response} and {@code .../{id}/error} end that invocation
 * (202); {@code POST /2018-06-01/runtime/init/error} reports a failed start. One event at a time, as
 * one environment runs one invocation at a time.
 */
final class RuntimeApi implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";

  /** How an invocation ended: the function's answer, or its error document. */
  record Outcome(boolean error, String body) {}

  private record Invocation(String id, String event, Duration timeout, CompletableFuture<Void> handedOut) {}

  private final HttpServer server;
  private final String functionArn;
  private final BlockingQueue<Invocation> next = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Outcome>> running = new ConcurrentHashMap<>();
  private final CompletableFuture<String> initError = new CompletableFuture<>();

  RuntimeApi(String functionArn) {
    this.functionArn = functionArn;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the Lambda Runtime API endpoint: " + e.getMessage(), e);
    }
    server.createContext(PREFIX, this::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "runtime-api");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** {@code host:port}, what the function's process gets as {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** An invocation handed to the runtime: when it took the event, and how it ended. */
  record Started(CompletableFuture<Void> handedOut, CompletableFuture<Outcome> outcome) {}

  /**
   * Hands {@code event} to the runtime's next poll. Its deadline ({@code timeout}) counts from when the
   * runtime takes it, as Lambda's does: a cold environment's start (the init phase) is not part of it.
   */
  Started invoke(String event, Duration timeout) {
    String id = UUID.randomUUID().toString();
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    CompletableFuture<Void> handedOut = new CompletableFuture<>();
    running.put(id, outcome);
    next.add(new Invocation(id, event, timeout, handedOut));
    return new Started(handedOut, outcome);
  }

  /** Completes when the runtime reports that the function could not start. */
  CompletableFuture<String> initError() {
    return initError;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
        Invocation invocation = next.take();
        invocation.handedOut().complete(null);
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
            Long.toString(System.currentTimeMillis() + invocation.timeout().toMillis()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-" + invocation.id().substring(0, 8));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        answer(exchange, 200, invocation.event());
      } else if (path.equals("init/error")) {
        initError.complete(body);
        answer(exchange, 202, "{\"status\":\"OK\"}");
      } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
        String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
        CompletableFuture<Outcome> outcome = running.remove(id);
        if (outcome == null) {
          answer(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
          return;
        }
        outcome.complete(new Outcome(path.endsWith("/error"), body));
        answer(exchange, 202, "{\"status\":\"OK\"}");
      } else {
        answer(exchange, 404, "{\"errorMessage\":\"not a runtime API path\",\"errorType\":\"NotFound\"}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The function's process is gone: what it was running ends as an error, as Lambda reports a crashed runtime. */
  void processExited(int exitCode) {
    Outcome crashed = new Outcome(true, "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: exited with "
        + exitCode + "\"}");
    running.values().forEach(f -> f.complete(crashed));
    running.clear();
    next.forEach(i -> i.handedOut().complete(null)); // never taken: the outcome above ends it
    next.clear();
    initError.complete("exited with " + exitCode);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
