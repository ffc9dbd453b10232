package io.driftless.source;

import io.driftless.model.GitRepository;

/**
 * What to fetch: a repository URL, a ref in Flux's shape, and a credential reference (never the
 * credential). {@code root} is the root the source belongs to and {@code key} names it in errors
 * ({@code namespace/name}); together with the URL, ref and credential reference they pick its cache.
 * For {@code http(s)://} the reference resolves to a token or {@code user:token}; for {@code ssh://}
 * to a YAML or JSON mapping with Flux's SSH Secret keys {@code identity}, {@code known_hosts} and
 * optional {@code password}; {@code file://} needs none. {@code origin} decides which URLs are
 * allowed (see {@link RemoteUrls}). A GitRepository found in Git whose {@code spec.secretRef} names a
 * Secret carries that Secret's data instead ({@code secret}; null otherwise), read from the root's
 * cluster as source-controller reads it.
 */
public record GitSource(
    String root, String key, String url, GitRepository.Ref ref, String credentialRef, Origin origin,
    GitSecret secret) {

  public GitSource(String root, String key, String url, GitRepository.Ref ref, String credentialRef, Origin origin) {
    this(root, key, url, ref, credentialRef, origin, null);
  }

  /** What picks the cache besides the URL and ref: the credential reference, or the Secret's name. */
  String credentialName() {
    return secret != null ? "secret:" + secret.name() : credentialRef;
  }

  /** Who named the URL. */
  public enum Origin {
    /** The operator, with {@code driftless bootstrap --url}: any URL JGit fetches, local ones included. */
    REGISTERED,
    /** A GitRepository found in a reconciled repository: remote URLs only, as in Flux. */
    FOUND_IN_GIT
  }
}
