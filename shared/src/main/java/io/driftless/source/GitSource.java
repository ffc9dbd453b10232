package io.driftless.source;

import io.driftless.model.GitRepository;

/**
 * What to fetch: a repository URL, a ref in Flux's shape, and a credential reference (never the
 * credential). {@code key} names the source in errors and caches ({@code namespace/name}). For
 * {@code http(s)://} the reference resolves to a token or {@code user:token}; for {@code ssh://} to a
 * YAML or JSON mapping with Flux's SSH Secret keys {@code identity}, {@code known_hosts} and optional
 * {@code password}; {@code file://} needs none.
 */
public record GitSource(String key, String url, GitRepository.Ref ref, String credentialRef) {

  public static GitSource of(GitRepository repo, String credentialRef) {
    return new GitSource(repo.key(), repo.spec().url(), repo.spec().effectiveRef(), credentialRef);
  }
}
