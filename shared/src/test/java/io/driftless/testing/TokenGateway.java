package io.driftless.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bearer-token auth in front of a real registry, as Docker Hub and GHCR do it: {@code /v2/}
 * requests without a valid token get {@code 401} with a {@code WWW-Authenticate: Bearer realm=…,
 * service=…, scope=…} challenge; {@code /token} hands out a token for the right basic credentials;
 * requests with the token are forwarded to the registry.
 */
public final class TokenGateway implements AutoCloseable {
  private final HttpServer server;
  private final String upstream;
  private final String expectedBasic;
  private final String token = UUID.randomUUID().toString();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final java.util.Map<String, AtomicInteger> forwarded = new java.util.concurrent.ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  public TokenGateway(String upstreamHost, String user, String password) throws IOException {
    this.upstream = upstreamHost;
    this.expectedBasic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::forward);
    server.start();
  }

  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** How many authorised requests were forwarded for paths containing {@code part}. */
  public int forwarded(String part) {
    return forwarded.entrySet().stream().filter(e -> e.getKey().contains(part)).mapToInt(e -> e.getValue().get()).sum();
  }

  private void token(HttpExchange ex) throws IOException {
    try (ex) {
      tokenRequests.incrementAndGet();
      String query = ex.getRequestURI().getQuery();
      if (!expectedBasic.equals(ex.getRequestHeaders().getFirst("Authorization"))
          || query == null || !query.contains("service=test-registry") || !query.contains("scope=repository")) {
        ex.sendResponseHeaders(401, -1);
        return;
      }
      reply(ex, 200, ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
    }
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        String repo = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs|tags)/.*$", "");
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
            + "/token\",service=\"test-registry\",scope=\"repository:" + repo + ":pull\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      forwarded.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      String query = ex.getRequestURI().getRawQuery();
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + upstream + path + (query == null ? "" : "?" + query)));
      String accept = ex.getRequestHeaders().getFirst("Accept");
      if (accept != null) {
        req.header("Accept", accept);
      }
      HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      res.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
      res.headers().firstValue("Docker-Content-Digest").ifPresent(v -> ex.getResponseHeaders().add("Docker-Content-Digest", v));
      reply(ex, res.statusCode(), res.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
