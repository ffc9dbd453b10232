package io.driftless.sandbox;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request to the sandbox, split into method, path segments, query and body. */
record ApiRequest(String method, List<String> segments, Map<String, String> query, String contentType,
    String accept, String body, boolean websocket) {

  static ApiRequest of(RecordedRequest r) {
    String full = r.getPath() == null ? "/" : r.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    Map<String, String> query = new HashMap<>();
    if (q >= 0) {
      for (String pair : full.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(decode(k), decode(v));
      }
    }
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    return new ApiRequest(r.getMethod().toUpperCase(java.util.Locale.ROOT), segments, query,
        r.getHeader("Content-Type"), r.getHeader("Accept"), r.getUtf8Body(),
        "websocket".equalsIgnoreCase(r.getHeader("Upgrade")));
  }

  String param(String name) {
    return query.get(name);
  }

  boolean dryRun() {
    return "All".equals(query.get("dryRun"));
  }

  String path() {
    return "/" + String.join("/", segments);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
