package io.driftless.pipeline;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the engine's clients send to API servers, by HTTP method, a dry run counted
 * apart ({@code PATCH dryRun}), so what a reconcile costs the API server is measured on any server,
 * the sandbox included (a real server's audit log says the same, by the {@link KubeClients#USER_AGENT}).
 */
public final class ApiRequestCounter implements Interceptor {
  static final String NAME = "driftless-request-counter";
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String query = request.uri().getRawQuery();
    boolean dryRun = query != null && query.contains("dryRun=");
    String kind = request.method() + (dryRun ? " dryRun" : "");
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** Method (with " dryRun" for dry runs) to requests sent so far, sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, n) -> out.put(k, n.sum()));
    return out;
  }

  /** Requests sent so far with {@code method}, dry runs apart: {@code count("PATCH")} counts the applies. */
  public long count(String method) {
    LongAdder n = counts.get(method);
    return n == null ? 0 : n.sum();
  }
}
