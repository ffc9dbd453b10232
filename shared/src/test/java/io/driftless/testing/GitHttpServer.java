package io.driftless.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * A real smart-HTTP Git server for tests: the JDK's HTTP server in front of {@code git http-backend}
 * (CGI), serving bare repositories under a directory, and requiring the token as HTTP Basic auth's
 * password or as a Bearer token.
 */
public final class GitHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final Path projectRoot;
  private final String token;

  private GitHttpServer(HttpServer server, Path projectRoot, String token) {
    this.server = server;
    this.projectRoot = projectRoot;
    this.token = token;
  }

  public static GitHttpServer start(Path projectRoot, String token) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    GitHttpServer git = new GitHttpServer(server, projectRoot, token);
    server.createContext("/", git::handle);
    server.start();
    return git;
  }

  public String url(String repo) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repo;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      runCgi(exchange);
    }
  }

  private boolean authorized(String header) {
    if (header != null && header.equals("Bearer " + token)) {
      return true;
    }
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    return decoded.endsWith(":" + token);
  }

  private void runCgi(HttpExchange exchange) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
    Map<String, String> env = pb.environment();
    env.put("GIT_PROJECT_ROOT", projectRoot.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    env.put("PATH_INFO", exchange.getRequestURI().getPath());
    env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    env.put("CONTENT_TYPE", contentType == null ? "" : contentType);
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null) {
      env.put("HTTP_CONTENT_ENCODING", encoding);
    }
    env.put("REMOTE_USER", "git");
    env.put("REMOTE_ADDR", "127.0.0.1");
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream(); InputStream body = exchange.getRequestBody()) {
      body.transferTo(in);
    }
    byte[] out = p.getInputStream().readAllBytes();
    int headerEnd = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    int sep = 4;
    if (headerEnd < 0) {
      headerEnd = indexOf(out, "\n\n".getBytes(StandardCharsets.US_ASCII));
      sep = 2;
    }
    int status = 200;
    for (String line : new String(out, 0, Math.max(headerEnd, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.substring(0, 3));
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.write(out, headerEnd + sep, out.length - headerEnd - sep);
    exchange.sendResponseHeaders(status, payload.size() == 0 ? -1 : payload.size());
    if (payload.size() > 0) {
      exchange.getResponseBody().write(payload.toByteArray());
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
