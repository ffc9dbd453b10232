package io.driftless.pipeline;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * Client-side rate limiting of one client's requests, as client-go's token bucket: up to
 * {@code burst} requests at once, then {@code qps} a second on average. A request waits before it is
 * sent, so a large fleet stays under the API server's priority and fairness limits instead of being
 * answered 429.
 */
final class ApiRateLimit implements Interceptor {
  static final String NAME = "driftless-rate-limit";
  private final double qps;
  private final double burst;
  private double tokens;
  private long refilledAt = System.nanoTime();

  ApiRateLimit(double qps, int burst) {
    this.qps = qps;
    this.burst = burst;
    this.tokens = burst;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    long waitNanos = reserve();
    if (waitNanos <= 0) {
      return;
    }
    try {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Takes a token, borrowing from the future when none is left; returns how long to wait for it. */
  private synchronized long reserve() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - refilledAt) * qps / 1e9);
    refilledAt = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) (-tokens / qps * 1e9);
  }
}
