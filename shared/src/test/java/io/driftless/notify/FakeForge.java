package io.driftless.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.model.Yaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake GitHub (Enterprise paths, {@code /api/v3}), Gitea ({@code /api/v1}), GitLab ({@code /api/v4})
 * and Bitbucket ({@code /2.0}) commit status API: keeps the statuses posted per commit, lists them
 * newest first, and refuses requests without the expected token.
 */
final class FakeForge implements AutoCloseable {
  /** A status as posted: the commit, its state, its context (GitLab's name, Bitbucket's key) and description. */
  record Status(String sha, String state, String context, String description) {}

  private static final Pattern POST = Pattern.compile(
      "^/(?:api/v3|api/v1)/repos/[^/]+/[^/]+/statuses/([0-9a-f]+)$|^/api/v4/projects/[^/]+/statuses/([0-9a-f]+)$"
          + "|^/2\\.0/repositories/[^/]+/[^/]+/commit/([0-9a-f]+)/statuses/build$");
  private static final Pattern LIST = Pattern.compile(
      "^/(?:api/v3|api/v1)/repos/[^/]+/[^/]+/commits/([0-9a-f]+)/statuses\\?.*$"
          + "|^/api/v4/projects/[^/]+/repository/commits/([0-9a-f]+)/statuses\\?.*$");
  private static final Pattern BITBUCKET_GET = Pattern.compile(
      "^/2\\.0/repositories/[^/]+/[^/]+/commit/([0-9a-f]+)/statuses/build/([0-9a-f]+)$");
  private final RecordingReceiver http;
  private final String authorization;
  private final Map<String, List<Status>> bySha = new ConcurrentHashMap<>();
  private final List<Status> posted = new java.util.concurrent.CopyOnWriteArrayList<>();

  FakeForge(String authHeader, String authValue) throws IOException {
    this.http = new RecordingReceiver();
    this.authorization = authHeader + "=" + authValue;
    http.answer(this::answer);
  }

  String url(String path) {
    return http.url(path);
  }

  List<Status> posted() {
    return List.copyOf(posted);
  }

  List<RecordingReceiver.Request> requests() {
    return http.requests();
  }

  private RecordingReceiver.Answer answer(RecordingReceiver.Request r) {
    String[] auth = authorization.split("=", 2);
    if (!auth[1].equals(r.header(auth[0]))) {
      return new RecordingReceiver.Answer(401, "{\"message\":\"Bad credentials\"}");
    }
    try {
      Matcher m = POST.matcher(r.path());
      if (r.method().equals("POST") && m.matches()) {
        ObjectNode body = (ObjectNode) Yaml.json().readTree(r.body());
        String context = body.has("context") ? body.get("context").asText()
            : body.has("key") ? body.get("key").asText() : body.get("name").asText();
        Status s = new Status(first(m), body.get("state").asText(), context, body.get("description").asText());
        bySha.computeIfAbsent(s.sha(), k -> new ArrayList<>()).add(0, s);
        posted.add(s);
        return new RecordingReceiver.Answer(201, "{}");
      }
      m = LIST.matcher(r.path());
      if (r.method().equals("GET") && m.matches()) {
        ArrayNode list = Yaml.json().createArrayNode();
        for (Status s : bySha.getOrDefault(first(m), List.of())) {
          ObjectNode o = list.addObject();
          o.put("context", s.context()).put("name", s.context()).put("state", s.state()).put("status", s.state())
              .put("description", s.description()).put("sha", s.sha());
        }
        return new RecordingReceiver.Answer(200, list.toString());
      }
      m = BITBUCKET_GET.matcher(r.path());
      if (r.method().equals("GET") && m.matches()) {
        String key = m.group(2);
        return bySha.getOrDefault(m.group(1), List.of()).stream().filter(s -> s.context().equals(key)).findFirst()
            .map(s -> new RecordingReceiver.Answer(200,
                "{\"state\":\"" + s.state() + "\",\"description\":\"" + s.description() + "\",\"key\":\"" + key + "\"}"))
            .orElse(new RecordingReceiver.Answer(404, "{}"));
      }
    } catch (IOException e) {
      return new RecordingReceiver.Answer(400, "{}");
    }
    return new RecordingReceiver.Answer(404, "{}");
  }

  private static String first(Matcher m) {
    for (int i = 1; i <= m.groupCount(); i++) {
      if (m.group(i) != null) {
        return m.group(i);
      }
    }
    throw new IllegalStateException("no group matched");
  }

  @Override
  public void close() {
    http.close();
  }
}
