package io.driftless.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a Provider's HTTP requests: each within the Provider's timeout, retried with backoff a few
 * times on a connection error, a 429 or a 5xx (bounded: {@link #ATTEMPTS} tries). Failures are
 * {@link DeliveryException}s that name the method and the status, never the address.
 */
public final class Delivery {
  /** Tries per request: the first and two retries. */
  static final int ATTEMPTS = 3;
  private final HttpClient client;
  private final Duration timeout;
  private final Duration backoff;

  Delivery(HttpClient client, Duration timeout, Duration backoff) {
    this.client = client;
    this.timeout = timeout;
    this.backoff = backoff;
  }

  /** The response of a request that returned 2xx. */
  public record Response(int status, String body) {}

  public Response post(String url, Map<String, String> headers, byte[] body) throws DeliveryException {
    return send("POST", url, headers, body);
  }

  public Response get(String url, Map<String, String> headers) throws DeliveryException {
    return send("GET", url, headers, null);
  }

  /** As {@link #get}, but a 404 is returned rather than failed (a commit status not posted yet). */
  public Response getOrMissing(String url, Map<String, String> headers) throws DeliveryException {
    return send("GET", url, headers, null, true);
  }

  private Response send(String method, String url, Map<String, String> headers, byte[] body) throws DeliveryException {
    return send(method, url, headers, body, false);
  }

  private Response send(String method, String url, Map<String, String> headers, byte[] body, boolean missingOk)
      throws DeliveryException {
    HttpRequest request = request(method, url, headers, body);
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        pause(backoff.multipliedBy(1L << (attempt - 2)));
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2 || (missingOk && status == 404)) {
          return new Response(status, response.body());
        }
        last = "HTTP " + status;
        if (status != 429 && status / 100 != 5) {
          break;
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryException(method + " interrupted");
      }
    }
    throw new DeliveryException(method + " failed: " + last);
  }

  private HttpRequest request(String method, String url, Map<String, String> headers, byte[] body)
      throws DeliveryException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("the address is not a URL");
    }
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
      throw new DeliveryException("the address is not an http(s) URL");
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      try {
        b.setHeader(h.getKey(), h.getValue());
      } catch (IllegalArgumentException e) {
        throw new DeliveryException("header " + h.getKey() + " cannot be set");
      }
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    return b.build();
  }

  private static void pause(Duration d) throws DeliveryException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("retry interrupted");
    }
  }
}
