package io.driftless.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.event.Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github}, {@code gitea}, {@code gitlab} and {@code bitbucket}: posts the event's
 * {@link CommitStatus} on the repository the address names, with the Secret's {@code token}
 * ({@code username:app-password} for Bitbucket), unless the host already shows an identical status
 * under the same context.
 */
final class CommitStatusNotifier implements Notifier {
  private final String type;

  CommitStatusNotifier(String type) {
    this.type = type;
  }

  @Override
  public void post(Event event, Target target, Delivery http) throws DeliveryException {
    if (target.token() == null || target.token().isEmpty()) {
      throw new DeliveryException(type + " needs a token key in spec.secretRef's Secret");
    }
    Optional<CommitStatus> wanted = CommitStatus.of(event, target.commitStatusId());
    if (wanted.isEmpty()) {
      return;
    }
    GitRepoAddress repo = GitRepoAddress.parse(target.address());
    CommitStatus status = wanted.get();
    switch (type) {
      case "github" -> github(repo, status, target.token(), http);
      case "gitea" -> gitea(repo, status, target.token(), http);
      case "gitlab" -> gitlab(repo, status, target.token(), http);
      case "bitbucket" -> bitbucket(repo, status, name(event), target.token(), http);
      default -> throw new DeliveryException("no commit status API for type " + type);
    }
  }

  private static void github(GitRepoAddress repo, CommitStatus s, String token, Delivery http) throws DeliveryException {
    String api = repo.host().equals("github.com") ? "https://api.github.com" : repo.base() + "/api/v3";
    Map<String, String> headers = headers("Authorization", "Bearer " + token);
    headers.put("Accept", "application/vnd.github+json");
    String repoUrl = api + "/repos/" + repo.owner() + "/" + repo.repo();
    String state = s.state().name().toLowerCase(Locale.ROOT);
    JsonNode existing = json(http.get(repoUrl + "/commits/" + s.sha() + "/statuses?per_page=50", headers).body());
    if (newestWithContext(existing, "context", s.context(), "state", state, s.description())) {
      return;
    }
    http.post(repoUrl + "/statuses/" + s.sha(), headers,
        body("state", state, "context", s.context(), "description", s.description()));
  }

  private static void gitea(GitRepoAddress repo, CommitStatus s, String token, Delivery http) throws DeliveryException {
    Map<String, String> headers = headers("Authorization", "token " + token);
    String repoUrl = repo.base() + "/api/v1/repos/" + repo.owner() + "/" + repo.repo();
    String state = s.state().name().toLowerCase(Locale.ROOT);
    JsonNode existing = json(http.get(repoUrl + "/commits/" + s.sha() + "/statuses?page=1&limit=50", headers).body());
    if (newestWithContext(existing, "context", s.context(), "status", state, s.description())) {
      return;
    }
    http.post(repoUrl + "/statuses/" + s.sha(), headers,
        body("state", state, "target_url", "", "description", s.description(), "context", s.context()));
  }

  private static void gitlab(GitRepoAddress repo, CommitStatus s, String token, Delivery http) throws DeliveryException {
    Map<String, String> headers = headers("PRIVATE-TOKEN", token);
    String project = repo.base() + "/api/v4/projects/" + URLEncoder.encode(repo.path(), StandardCharsets.UTF_8);
    String state = switch (s.state()) {
      case PENDING -> "pending";
      case SUCCESS -> "success";
      case FAILURE -> "failed";
    };
    JsonNode existing = json(http.get(project + "/repository/commits/" + s.sha() + "/statuses?name="
        + URLEncoder.encode(s.context(), StandardCharsets.UTF_8), headers).body());
    for (JsonNode st : existing) {
      if (s.context().equals(st.path("name").asText()) && state.equals(st.path("status").asText())
          && s.description().equals(st.path("description").asText())) {
        return;
      }
    }
    http.post(project + "/statuses/" + s.sha(), headers,
        body("state", state, "name", s.context(), "description", s.description()));
  }

  private static void bitbucket(GitRepoAddress repo, CommitStatus s, String name, String token, Delivery http)
      throws DeliveryException {
    if (token.split(":", -1).length != 2) {
      throw new DeliveryException("bitbucket's token must be <username>:<app-password>");
    }
    String api = repo.host().equals("bitbucket.org") ? "https://api.bitbucket.org/2.0" : repo.base() + "/2.0";
    Map<String, String> headers = headers("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    String state = switch (s.state()) {
      case PENDING -> "INPROGRESS";
      case SUCCESS -> "SUCCESSFUL";
      case FAILURE -> "FAILED";
    };
    String key = sha1(s.context());
    String statuses = api + "/repositories/" + repo.owner() + "/" + repo.repo() + "/commit/" + s.sha() + "/statuses/build";
    Delivery.Response found = http.getOrMissing(statuses + "/" + key, headers);
    if (found.status() != 404) {
      JsonNode st = json(found.body());
      if (state.equals(st.path("state").asText()) && s.description().equals(st.path("description").asText())) {
        return;
      }
    }
    http.post(statuses, headers, body("state", state, "key", key, "name", name, "description", s.description(),
        "url", "https://bitbucket.org"));
  }

  /** True when the newest status with {@code context} already has this state and description. */
  private static boolean newestWithContext(JsonNode statuses, String contextField, String context, String stateField,
      String state, String description) {
    for (JsonNode st : statuses) {
      if (context.equals(st.path(contextField).asText())) {
        String got = st.path(stateField).asText(st.path("state").asText());
        return state.equals(got) && description.equals(st.path("description").asText());
      }
    }
    return false;
  }

  private static String name(Event e) {
    return (e.involvedObject().kind() + "/" + e.involvedObject().name()).toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> headers(String auth, String value) {
    Map<String, String> h = new LinkedHashMap<>(ChatPayloads.JSON);
    h.put(auth, value);
    return h;
  }

  private static byte[] body(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return EventJson.bytes(m);
  }

  private static JsonNode json(String body) throws DeliveryException {
    try {
      return EventJson.mapper().readTree(body == null || body.isBlank() ? "[]" : body);
    } catch (JsonProcessingException e) {
      throw new DeliveryException("the commit status API answered with something other than JSON");
    }
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
