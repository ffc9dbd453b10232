package io.driftless.notify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * Sends a Provider's HTTP requests: each within the Provider's timeout, retried with backoff a few
 * times on a connection error, a 429 or a 5xx (bounded: {@link #ATTEMPTS} tries), only to addresses
 * the {@link AddressPolicy} allows (the connection resolves the host through it, IP literals
 * included), never following a redirect; an address inside the cluster ({@link ServiceAddress}) goes through
 * the cluster's API server instead ({@link ServiceProxy}). Failures are {@link DeliveryException}s that name the method
 * and the status, never the address.
 */
public final class Delivery {
  /** Tries per request: the first and two retries. */
  static final int ATTEMPTS = 3;
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Set<String> OWN_HEADERS = Set.of(
      "host", "content-length", "transfer-encoding", "connection", "upgrade", "expect", "te", "trailer");
  private final CloseableHttpClient client;
  private final Duration backoff;
  private final ServiceProxy services;
  private final Duration timeout;

  /** {@code client} holds the Provider's timeout and its {@link AddressPolicy} ({@link Transports}). */
  Delivery(CloseableHttpClient client, Duration backoff) {
    this(client, backoff, null, null);
  }

  /**
   * As {@link #Delivery(CloseableHttpClient, Duration)}, and an in-cluster address ({@link ServiceAddress}) is
   * sent through {@code services}, the API server of the Provider's cluster, within {@code timeout}.
   */
  Delivery(CloseableHttpClient client, Duration backoff, ServiceProxy services, Duration timeout) {
    this.client = client;
    this.backoff = backoff;
    this.services = services;
    this.timeout = timeout;
  }

  /** One try of a request: its response, whatever the status. */
  @FunctionalInterface
  private interface Attempt {
    Response send() throws IOException;
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
    Attempt attempt = attempt(method, url, headers, body);
    String last = "";
    for (int tried = 1; tried <= ATTEMPTS; tried++) {
      if (tried > 1) {
        pause(backoff.multipliedBy(1L << (tried - 2)));
      }
      try {
        Response response = attempt.send();
        int status = response.status();
        if (status / 100 == 2 || (missingOk && status == 404)) {
          return response;
        }
        last = "HTTP " + status;
        if (status != 429 && status / 100 != 5) {
          break;
        }
      } catch (AddressPolicy.RefusedAddressException e) {
        throw new DeliveryException(method + " refused: " + e.getMessage()); // nothing was sent
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new DeliveryException(method + " interrupted");
        }
        last = e.getClass().getSimpleName();
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      }
    }
    throw new DeliveryException(method + " failed: " + last);
  }

  /**
   * How {@code url} is reached: through the API server's service proxy when it names an in-cluster
   * Service, else directly.
   */
  private Attempt attempt(String method, String url, Map<String, String> headers, byte[] body) throws DeliveryException {
    ClassicHttpRequest request = request(method, url, headers, body);
    Optional<ServiceAddress> service = ServiceAddress.of(url);
    if (service.isEmpty()) {
      return () -> client.execute(request,
          r -> new Response(r.getCode(), r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
    }
    if (services == null) {
      throw new DeliveryException("the address is inside a cluster (" + service.get() + ") and no cluster is known to reach it");
    }
    if (headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"))) {
      throw new DeliveryException("the address is inside the cluster (" + service.get() + "): it is reached through"
          + " the API server's service proxy, which takes the Authorization header for itself; this Provider sets one");
    }
    return () -> services.exchange(method, service.get(), headers, body, timeout);
  }

  private ClassicHttpRequest request(String method, String url, Map<String, String> headers, byte[] body)
      throws DeliveryException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("the address is not a URL");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new DeliveryException("the address is not an http(s) URL");
    }
    ClassicRequestBuilder b = ClassicRequestBuilder.create(method).setUri(uri);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (!settable(h.getKey(), h.getValue())) {
        throw new DeliveryException("header " + h.getKey() + " cannot be set");
      }
      b.setHeader(h.getKey(), h.getValue());
    }
    if (body != null) {
      b.setEntity(new ByteArrayEntity(body, null));
    }
    return b.build();
  }

  /** A header name that is an HTTP token and not one the client owns, with a value on one line. */
  private static boolean settable(String name, String value) {
    return name != null && TOKEN.matcher(name).matches() && !OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))
        && value != null && value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
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
