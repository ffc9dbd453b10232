package io.driftless.source;

import io.driftless.model.GitRepository;

/**
 * What to fetch: a repository URL, a ref in Flux's shape, and a credential reference (never the
 * credential). {@code key} names the source in errors and caches ({@code namespace/name}).
 */
public record GitSource(String key, String url, GitRepository.Ref ref, String credentialRef) {

  public static GitSource of(GitRepository repo, String credentialRef) {
    return new GitSource(repo.key(), repo.spec().url(), repo.spec().effectiveRef(), credentialRef);
  }
}
