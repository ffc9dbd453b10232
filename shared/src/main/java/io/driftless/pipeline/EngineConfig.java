package io.driftless.pipeline;

import io.driftless.source.JGitSourceFetcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The engine's configuration keys (all optional):
 * {@code DRIFTLESS_TABLE} (AWS table; embedded DynamoDB Local when unset),
 * {@code DRIFTLESS_DATA_DIR} (embedded store directory, default {@code .driftless/data}),
 * {@code DRIFTLESS_CACHE_DIR} (Git cache, default the temp dir),
 * {@code DRIFTLESS_DISPATCH} ({@code local} or {@code stream}; default stream with a table, else local),
 * {@code DRIFTLESS_GIT_TIMEOUT} (Go duration, default 60s),
 * {@code DRIFTLESS_SOPS_KEYS} (comma-separated references to SOPS keys: age identity files, {@code *.asc}
 * PGP keys, or Secrets Manager ARNs).
 */
record EngineConfig(Path cacheDir, boolean localDispatch, Duration gitTimeout, java.util.List<String> sopsKeyRefs) {

  static EngineConfig from(Map<String, String> env) {
    Path cache = env.containsKey("DRIFTLESS_CACHE_DIR")
        ? Path.of(env.get("DRIFTLESS_CACHE_DIR"))
        : JGitSourceFetcher.defaultCacheRoot();
    String dispatch = env.getOrDefault("DRIFTLESS_DISPATCH", env.containsKey("DRIFTLESS_TABLE") ? "stream" : "local");
    Duration timeout = io.driftless.model.Durations.parseOr(env.get("DRIFTLESS_GIT_TIMEOUT"), Duration.ofSeconds(60));
    String keys = env.getOrDefault("DRIFTLESS_SOPS_KEYS", "");
    java.util.List<String> keyRefs = java.util.Arrays.stream(keys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    return new EngineConfig(cache, !"stream".equals(dispatch), timeout, keyRefs);
  }
}
