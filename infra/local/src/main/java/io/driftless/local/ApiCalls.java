package io.driftless.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.sandbox.ApiCall;
import io.driftless.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The requests one client sent, counted by its user agent: from the sandbox's own record, or from a real
 * server's audit log (the ResponseComplete line of each request). {@link #of} first sends a marker request
 * and waits until the log holds it, so every earlier request of that client is counted.
 */
public final class ApiCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<List<ApiCall>> source;

  private ApiCalls(Supplier<List<ApiCall>> source) {
    this.source = source;
  }

  public static ApiCalls sandbox(SandboxApiServer server) {
    return new ApiCalls(server::calls);
  }

  public static ApiCalls real(RealApiServer server) {
    return new ApiCalls(() -> read(server.auditLog()));
  }

  /** A user agent no other client of this JVM sends: {@code PREFIX/<random>}. */
  public static String newUserAgent(String prefix) {
    return prefix + "/" + UUID.randomUUID();
  }

  /** The requests {@code client} (sending {@code userAgent}) made so far, the marker left out. */
  public List<ApiCall> of(KubernetesClient client, String userAgent) {
    String marker = "driftless-marker-" + UUID.randomUUID().toString().substring(0, 8);
    client.configMaps().inNamespace("default").withName(marker).get();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      List<ApiCall> mine = source.get().stream().filter(c -> c.userAgent().equals(userAgent)).toList();
      if (mine.stream().anyMatch(c -> c.requestUri().contains(marker))) {
        return mine.stream().filter(c -> !c.requestUri().contains("driftless-marker-")).toList();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the marker request " + marker + " never reached the request log");
      }
      LockSupport.parkNanos(50_000_000L); // poll interval, bounded by the deadline above
    }
  }

  private static List<ApiCall> read(Path log) {
    List<ApiCall> calls = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(log)) {
        if (!line.contains("\"ResponseComplete\"") || !line.endsWith("}")) {
          continue; // the other stage, or a line still being written
        }
        JsonNode event = JSON.readTree(line);
        calls.add(new ApiCall(event.path("verb").asText(), event.path("requestURI").asText(),
            event.path("userAgent").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + log, e);
    }
    return calls;
  }
}
