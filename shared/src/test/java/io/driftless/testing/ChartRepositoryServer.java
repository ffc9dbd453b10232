package io.driftless.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A Helm chart repository for tests: the JDK's HTTP(S) server serving files by path (index.yaml
 * and chart archives), optionally behind HTTP Basic auth, counting the requests per path.
 */
public final class ChartRepositoryServer implements AutoCloseable {
  private final HttpServer server;
  private final String scheme;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> headers = new ConcurrentHashMap<>();
  private final java.util.List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String basicAuth;

  private ChartRepositoryServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::handle);
    server.start();
  }

  public static ChartRepositoryServer start() throws IOException {
    return new ChartRepositoryServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
  }

  /** Over HTTPS with {@code tls}; with {@code clientCertificates} a client certificate is required. */
  public static ChartRepositoryServer startTls(SSLContext tls, boolean clientCertificates) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = tls.getDefaultSSLParameters();
        p.setNeedClientAuth(clientCertificates);
        params.setSSLParameters(p);
      }
    });
    return new ChartRepositoryServer(s, "https");
  }

  /** The server's base URL followed by {@code path} (which starts with a slash). */
  public String url(String path) {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void put(String path, byte[] content) {
    files.put(path, content);
  }

  public void put(String path, String content) {
    put(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers {@code path} with {@code content} and these response headers (a {@code Location} makes it a 307). */
  public void put(String path, byte[] content, Map<String, String> responseHeaders) {
    put(path, content);
    headers.put(path, responseHeaders);
  }

  /** Every {@code Authorization} header this server received, in order. */
  public java.util.List<String> authorizations() {
    return authorizations;
  }

  public void requireBasicAuth(String user, String password) {
    basicAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      String authorization = ex.getRequestHeaders().getFirst("Authorization");
      if (authorization != null) {
        authorizations.add(authorization);
      }
      if (basicAuth != null && !basicAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"charts\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      byte[] body = files.get(path);
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      Map<String, String> extra = headers.getOrDefault(path, Map.of());
      extra.forEach(ex.getResponseHeaders()::add);
      ex.sendResponseHeaders(extra.containsKey("Location") ? 307 : 200, body.length);
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
