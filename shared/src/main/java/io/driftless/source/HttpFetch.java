package io.driftless.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * GET over HTTP(S) for chart repositories and registries: the repository's own TLS context, a
 * per-request timeout, a size limit, and redirects followed by hand so that an {@code
 * Authorization} header never leaves the host it was meant for.
 */
public final class HttpFetch {
  private static final int MAX_REDIRECTS = 10;
  private final HttpClient client;
  private final Duration timeout;

  /** {@code tls} replaces the JVM's default context when not null. */
  public HttpFetch(SSLContext tls, Duration timeout) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout);
    if (tls != null) {
      b.sslContext(tls);
    }
    this.client = b.build();
    this.timeout = timeout;
  }

  /** A response with its body read, at most {@code limit} bytes. */
  public record Response(int status, byte[] body, HttpHeaders headers, URI uri) {
    public boolean ok() {
      return status / 100 == 2;
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** Thrown when a body is longer than the limit. */
  public static final class TooLargeException extends IOException {
    TooLargeException(long limit) {
      super("larger than " + (limit >> 20) + " MiB");
    }
  }

  public Response get(URI uri, Map<String, String> headers, long limit) throws IOException {
    URI current = uri;
    Map<String, String> sent = headers;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder req = HttpRequest.newBuilder(current).timeout(timeout).GET();
      sent.forEach(req::header);
      HttpResponse<InputStream> res = send(req.build());
      int status = res.statusCode();
      String location = res.headers().firstValue("Location").orElse(null);
      if (status / 100 == 3 && location != null && hop < MAX_REDIRECTS) {
        res.body().close();
        URI next = current.resolve(location);
        if (!sameOrigin(current, next)) {
          sent = withoutAuthorization(sent);
        }
        current = next;
        continue;
      }
      try (InputStream in = res.body()) {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
          throw new TooLargeException(limit);
        }
        return new Response(status, body, res.headers(), current);
      }
    }
  }

  /**
   * One {@code method} request with {@code body} (a registry upload), redirects not followed: the
   * answer is returned as it is, its body read up to {@code limit} bytes.
   */
  public Response send(String method, URI uri, Map<String, String> headers, byte[] body, long limit)
      throws IOException {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(req::header);
    HttpResponse<InputStream> res = send(req.build());
    try (InputStream in = res.body()) {
      byte[] read = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (read.length > limit) {
        throw new TooLargeException(limit);
      }
      return new Response(res.statusCode(), read, res.headers(), uri);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest req) throws IOException {
    try {
      return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new ConnectException(connectFailure(e)); // java.net.http gives a refused connection no message
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Why a connection failed, in words: the first message along the causes, else what the cause says. */
  static String connectFailure(ConnectException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage().toLowerCase(Locale.ROOT);
      }
      if (t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    return "connection refused";
  }

  /** Same scheme, host and port (a default port written out or not), as a browser compares origins. */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : "http".equalsIgnoreCase(u.getScheme()) ? 80 : -1;
  }

  private static Map<String, String> withoutAuthorization(Map<String, String> headers) {
    Map<String, String> out = new java.util.LinkedHashMap<>(headers);
    out.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization"));
    return out;
  }
}
