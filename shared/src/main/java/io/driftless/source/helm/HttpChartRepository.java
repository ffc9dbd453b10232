package io.driftless.source.helm;

import io.driftless.model.helm.HelmRepository;
import io.driftless.source.HttpFetch;
import io.driftless.model.Redact;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A HelmRepository of the default type: {@code index.yaml} over HTTP(S), basic auth to the
 * repository's own host (and to other hosts only with {@code passCredentials}), the chart from the
 * entry's {@code urls[0]} resolved against the repository URL, its digest checked, and the archive
 * kept in the {@link ChartCache}.
 */
final class HttpChartRepository {
  static final long MAX_INDEX = 50L << 20;
  static final long MAX_CHART = 10L << 20;

  private final HelmRepository repo;
  private final RepositoryAuth auth;
  private final HttpFetch http;
  private final ChartCache cache;
  private final String scope;
  private final URI base;

  HttpChartRepository(HelmRepository repo, RepositoryAuth auth, HttpFetch http, ChartCache cache, String scope) {
    this.repo = repo;
    this.auth = auth;
    this.http = http;
    this.cache = cache;
    this.scope = scope;
    try {
      this.base = new URI(repo.spec().url());
    } catch (URISyntaxException e) {
      throw fail("spec.url is not a URL");
    }
  }

  URI indexUrl() {
    String u = repo.spec().url();
    return URI.create((u.endsWith("/") ? u : u + "/") + "index.yaml");
  }

  HelmIndex fetchIndex() {
    URI url = indexUrl();
    HttpFetch.Response res = get(url, MAX_INDEX, "index");
    try {
      return HelmIndex.parse(res.body());
    } catch (IllegalArgumentException e) {
      throw fail(url + ": " + e.getMessage());
    }
  }

  ChartArtifact chart(HelmIndex index, String chart, String version) {
    List<IndexEntry> versions = index.entries().get(chart);
    if (versions == null || versions.isEmpty()) {
      throw fail("no chart '" + chart + "' in " + indexUrl());
    }
    IndexEntry entry;
    try {
      entry = ChartVersionSelector.select(versions, version).orElseThrow(() ->
          fail("no '" + chart + "' chart with version matching '" + version + "' found"));
    } catch (IllegalArgumentException badConstraint) {
      throw fail(badConstraint.getMessage());
    }
    if (entry.urls().isEmpty()) {
      throw fail("chart '" + chart + "' version '" + entry.version() + "' has no URL in the index");
    }
    String expected = entry.digest() == null || entry.digest().isBlank() ? null : normalise(entry.digest());
    Optional<Path> cached = cache.find(scope, expected);
    URI url = resolve(entry.urls().get(0));
    Path file;
    String digest;
    if (cached.isPresent()) {
      file = cached.get();
      digest = expected;
    } else {
      byte[] bytes = get(url, MAX_CHART, "chart").body();
      digest = ChartCache.digestOf(bytes);
      if (expected != null && !expected.equals(digest)) {
        throw fail("chart " + Redact.url(url.toString()) + " has digest " + digest + ", the index says " + expected);
      }
      file = cache.store(scope, bytes);
    }
    ChartArchive.Metadata meta = metadataOf(file, "chart " + fileName(url));
    return new ChartArtifact(meta.name(), meta.version(), meta.version(), digest, file, false);
  }

  /** Helm's rule: a relative URL is resolved against the repository URL with a trailing slash. */
  URI resolve(String ref) {
    URI r = URI.create(ref.replace(" ", "%20"));
    if (r.isAbsolute()) {
      return r;
    }
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b : b + "/").resolve(r);
  }

  private ChartArchive.Metadata metadataOf(Path file, String name) {
    try {
      return ChartArchive.metadata(Files.readAllBytes(file), name);
    } catch (IOException e) {
      throw fail(name + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  /** The last segment of the chart's URL, as Helm names the downloaded file. */
  private static String fileName(URI url) {
    String path = url.getPath() == null ? "" : url.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.isEmpty() ? "archive" : last;
  }

  private HttpFetch.Response get(URI url, long limit, String what) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "driftless");
    boolean sameHost = HttpFetch.sameOrigin(base, url);
    if (auth.hasBasic() && (sameHost || repo.spec().passCredentialsEnabled())) {
      String token = auth.username() + ":" + (auth.password() == null ? "" : auth.password());
      headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
    String shown = Redact.url(url.toString());
    HttpFetch.Response res;
    try {
      res = http.get(url, headers, limit);
    } catch (HttpFetch.TooLargeException e) {
      throw fail("the " + what + " at " + shown + " is " + e.getMessage());
    } catch (IOException e) {
      throw fail("GET " + shown + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    if (!res.ok()) {
      String hint = res.status() == 401 || res.status() == 403 ? " (authentication failed)" : "";
      throw fail("GET " + shown + ": HTTP " + res.status() + hint);
    }
    return res;
  }

  private static String normalise(String digest) {
    return digest.startsWith("sha256:") ? digest : "sha256:" + digest;
  }

  private ChartSourceException fail(String message) {
    return ChartSourceException.of(repo, message);
  }
}
