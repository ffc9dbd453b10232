package io.driftless.notify;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers to an in-cluster address ({@link ServiceAddress}) through the cluster's API server, with the
 * credentials Driftless holds for that cluster: the request goes to the Service's proxy subresource,
 * within the Provider's timeout. The API server authenticates the request by its own
 * {@code Authorization} header, so a Provider header of that name cannot be carried ({@link Delivery} refuses it).
 */
final class ServiceProxy {
  private final KubernetesClient client;

  ServiceProxy(KubernetesClient client) {
    this.client = client;
  }

  Delivery.Response exchange(String method, ServiceAddress to, Map<String, String> headers, byte[] body, Duration timeout)
      throws IOException {
    String base = client.getMasterUrl().toString();
    HttpRequest.Builder request = client.getHttpClient().newHttpRequestBuilder()
        .uri((base.endsWith("/") ? base : base + "/") + to.proxyPath())
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    String contentType = "application/json";
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = h.getValue();
      } else {
        request.setHeader(h.getKey(), h.getValue());
      }
    }
    if (body != null) {
      request.method(method, contentType, new ByteArrayInputStream(body), (long) body.length);
    } else if (!method.equals("GET")) {
      request.method(method, contentType, new ByteArrayInputStream(new byte[0]), 0L);
    }
    try {
      HttpResponse<byte[]> response = client.getHttpClient().sendAsync(request.build(), byte[].class)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      byte[] bytes = response.body() == null ? new byte[0] : response.body();
      return new Delivery.Response(response.code(), new String(bytes, StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      throw new SocketTimeoutException("no answer within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getClass().getSimpleName());
    }
  }
}
