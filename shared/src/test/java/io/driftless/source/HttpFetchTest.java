package io.driftless.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpFetchTest {
  @Test
  void aClosedPortIsSaidInWords() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    HttpFetch http = new HttpFetch(null, Duration.ofSeconds(10));

    assertThatThrownBy(() -> http.get(URI.create("http://127.0.0.1:" + closed + "/index.yaml"), Map.of(), 1024))
        .isInstanceOf(IOException.class)
        .hasMessage("connection refused");
  }
}
