package io.driftless.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.ParseLimits;
import io.driftless.source.Digests;
import io.driftless.source.HttpFetch;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OCI distribution API client (tags, manifests, blobs) for one registry. Requests go out
 * anonymously first; a {@code 401} challenge is answered with basic auth, or for {@code Bearer}
 * with a token fetched from the challenge's realm (with the credentials when there are any). Tokens
 * are kept per scope for this client's life. Blob digests are verified.
 */
public final class RegistryClient {
  public static final String MANIFEST_TYPES = String.join(", ",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final ObjectMapper JSON = ParseLimits.jsonMapper();
  private static final long MAX_MANIFEST = 4L << 20;
  /** At most this many tag pages and tags per listing (100 full pages of {@code n=1000}). */
  static final int MAX_TAG_PAGES = 100;
  static final int MAX_TAGS = 100_000;

  private final String registry;
  private final String scheme;
  private final String username;
  private final String password;
  private final HttpFetch http;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  /** {@code plainHttp} talks http:// (Flux's {@code insecure}); credentials may be null. */
  public RegistryClient(String registry, boolean plainHttp, String username, String password, HttpFetch http) {
    this.registry = registry;
    this.scheme = plainHttp ? "http" : "https";
    this.username = username;
    this.password = password;
    this.http = http;
  }

  /**
   * Every tag of {@code repository}, following {@code Link} pagination on the registry's own origin
   * only (a link elsewhere would carry the registry's credentials there), at most {@link
   * #MAX_TAG_PAGES} pages and {@link #MAX_TAGS} tags.
   */
  public List<String> tags(String repository) {
    List<String> tags = new ArrayList<>();
    URI first = url("/v2/" + repository + "/tags/list?n=1000");
    URI next = first;
    for (int page = 1; next != null; page++) {
      if (page > MAX_TAG_PAGES || tags.size() > MAX_TAGS) {
        throw new RegistryException("GET " + first + ": more than " + MAX_TAG_PAGES + " pages or "
            + MAX_TAGS + " tags", 0);
      }
      HttpFetch.Response res = get(next, repository, Map.of("Accept", "application/json"), MAX_MANIFEST);
      JsonNode list = json(res, next).path("tags");
      list.forEach(t -> tags.add(t.asText()));
      next = nextPage(res, first);
    }
    return tags;
  }

  /** The manifest a tag or digest names; an index is refused (charts are single manifests). */
  public OciManifest manifest(String repository, String reference) {
    URI u = url("/v2/" + repository + "/manifests/" + reference);
    HttpFetch.Response res = get(u, repository, Map.of("Accept", MANIFEST_TYPES), MAX_MANIFEST);
    String digest = digestOf(res.body());
    if (reference.startsWith("sha256:") && !reference.equals(digest)) {
      throw new RegistryException("GET " + u + ": the manifest has digest " + digest + ", not " + reference, 0);
    }
    JsonNode m = json(res, u);
    String mediaType = m.path("mediaType").asText(res.header("Content-Type") == null ? "" : res.header("Content-Type"));
    if (mediaType.contains("index") || mediaType.contains("manifest.list")) {
      throw new RegistryException("GET " + u + ": " + mediaType + " is an index, not a single manifest", 0);
    }
    List<OciManifest.Layer> layers = new ArrayList<>();
    m.path("layers").forEach(l -> layers.add(new OciManifest.Layer(
        l.path("mediaType").asText(), l.path("digest").asText(), l.path("size").asLong(), annotations(l))));
    return new OciManifest(digest, mediaType, m.path("config").path("mediaType").asText(), layers, annotations(m));
  }

  private static Map<String, String> annotations(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.path("annotations").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** The blob with this digest, checked against it, at most {@code limit} bytes. */
  public byte[] blob(String repository, String digest, long limit) {
    URI u = url("/v2/" + repository + "/blobs/" + digest);
    byte[] body = get(u, repository, Map.of(), limit).body();
    String got = digestOf(body);
    if (!got.equals(digest)) {
      throw new RegistryException("GET " + u + ": the blob has digest " + got + ", not " + digest, 0);
    }
    return body;
  }

  private HttpFetch.Response get(URI u, String repository, Map<String, String> headers, long limit) {
    return request("GET", u, "repository:" + repository + ":pull", headers, null, limit);
  }

  /**
   * One request under {@code scope}: anonymous or with the token already won for the scope first, a
   * 401 challenge answered once. A status other than 2xx is a {@link RegistryException}.
   */
  private HttpFetch.Response request(String method, URI u, String scope, Map<String, String> headers, byte[] body,
      long limit) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("User-Agent", "driftless");
    String known = authorizations.get(scope);
    if (known != null) {
      h.put("Authorization", known);
    }
    HttpFetch.Response res = send(method, u, h, body, limit);
    if (res.status() == 401) {
      String auth = answer(res.header("WWW-Authenticate"), scope, u);
      authorizations.put(scope, auth);
      h.put("Authorization", auth);
      res = send(method, u, h, body, limit);
    }
    if (!res.ok()) {
      String hint = res.status() == 401 || res.status() == 403 ? " (authentication failed)" : "";
      throw new RegistryException(method + " " + u + ": HTTP " + res.status() + hint, res.status());
    }
    return res;
  }

  /** Uploads {@code content} as a blob of {@code repository} (a monolithic upload); returns its digest. */
  public String pushBlob(String repository, byte[] content) {
    String digest = digestOf(content);
    String scope = "repository:" + repository + ":pull,push";
    HttpFetch.Response started = request("POST", url("/v2/" + repository + "/blobs/uploads/"), scope,
        Map.of(), new byte[0], MAX_MANIFEST);
    String location = started.header("Location");
    if (location == null) {
      throw new RegistryException("POST " + started.uri() + ": the registry gave no upload Location", 0);
    }
    URI upload = started.uri().resolve(location);
    if (!HttpFetch.sameOrigin(started.uri(), upload)) {
      throw new RegistryException("POST " + started.uri() + ": the upload Location points to another origin", 0);
    }
    String sep = upload.getRawQuery() == null ? "?" : "&";
    request("PUT", URI.create(upload + sep + "digest=" + enc(digest)), scope,
        Map.of("Content-Type", "application/octet-stream"), content, MAX_MANIFEST);
    return digest;
  }

  /** Puts {@code manifest} (of {@code mediaType}) under {@code reference}, a tag; returns its digest. */
  public String pushManifest(String repository, String reference, byte[] manifest, String mediaType) {
    request("PUT", url("/v2/" + repository + "/manifests/" + reference), "repository:" + repository + ":pull,push",
        Map.of("Content-Type", mediaType), manifest, MAX_MANIFEST);
    return digestOf(manifest);
  }

  /** The Authorization header that answers a 401 challenge. */
  private String answer(String challenge, String scope, URI u) {
    if (challenge == null || challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      if (username == null) {
        throw new RegistryException("GET " + u + ": HTTP 401, the registry wants credentials and none are set", 401);
      }
      return basic();
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      throw new RegistryException("GET " + u + ": unsupported authentication challenge " + challenge.split(" ")[0], 401);
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new RegistryException("GET " + u + ": the Bearer challenge has no realm", 401);
    }
    StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.containsKey("service")) {
      q.append("service=").append(enc(params.get("service"))).append('&');
    }
    q.append("scope=").append(enc(params.getOrDefault("scope", scope)));
    URI tokenUrl = URI.create(q.toString());
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/json");
    if (username != null) {
      h.put("Authorization", basic());
    }
    HttpFetch.Response res = send(tokenUrl, h, MAX_MANIFEST);
    if (!res.ok()) {
      throw new RegistryException("token request to " + realm + ": HTTP " + res.status()
          + (res.status() == 401 || res.status() == 403 ? " (authentication failed)" : ""), res.status());
    }
    JsonNode t = json(res, tokenUrl);
    String token = t.hasNonNull("token") ? t.get("token").asText() : t.path("access_token").asText("");
    if (token.isEmpty()) {
      throw new RegistryException("token request to " + realm + ": the answer has no token", 0);
    }
    return "Bearer " + token;
  }

  private HttpFetch.Response send(URI u, Map<String, String> headers, long limit) {
    return send("GET", u, headers, null, limit);
  }

  private HttpFetch.Response send(String method, URI u, Map<String, String> headers, byte[] body, long limit) {
    try {
      return "GET".equals(method) ? http.get(u, headers, limit) : http.send(method, u, headers, body, limit);
    } catch (HttpFetch.TooLargeException e) {
      throw new RegistryException(method + " " + u + ": the answer is " + e.getMessage(), 0);
    } catch (IOException e) {
      throw new RegistryException(method + " " + u + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
    }
  }

  private static URI nextPage(HttpFetch.Response res, URI first) {
    String link = res.header("Link");
    Matcher m = link == null ? null : NEXT.matcher(link);
    if (m == null || !m.find()) {
      return null;
    }
    URI next;
    try {
      next = res.uri().resolve(m.group(1));
    } catch (IllegalArgumentException e) {
      throw new RegistryException("GET " + res.uri() + ": the next-page Link is not a URL", 0);
    }
    if (!HttpFetch.sameOrigin(first, next)) {
      throw new RegistryException("GET " + res.uri() + ": the next-page Link points to another origin ("
          + next.getScheme() + "://" + next.getHost() + (next.getPort() == -1 ? "" : ":" + next.getPort()) + "); only the registry's own is followed", 0);
    }
    return next;
  }

  private URI url(String path) {
    return URI.create(scheme + "://" + registry + path);
  }

  private String basic() {
    String pair = username + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpFetch.Response res, URI u) {
    try {
      return JSON.readTree(res.body());
    } catch (IOException e) {
      throw new RegistryException("GET " + u + ": the answer is not JSON", 0);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public static String digestOf(byte[] bytes) {
    return Digests.sha256(bytes);
  }
}
