package io.driftless.source;

import io.driftless.model.GitRepository;
import io.driftless.model.ObjectId;

/**
 * What to fetch: a repository URL, a ref in Flux's shape, and a credential reference (never the
 * credential). {@code root} is the root the source belongs to and {@code key} ({@code namespace/name})
 * names it, in errors as {@link #subject()}; together with the URL, ref and credential reference they pick its cache.
 * For {@code http(s)://} the reference resolves to a token or {@code user:token}; for {@code ssh://}
 * to a YAML or JSON mapping with Flux's SSH Secret keys {@code identity}, {@code known_hosts} and
 * optional {@code password}; {@code file://} needs none. {@code origin} decides which URLs are
 * allowed (see {@link RemoteUrls}).
 */
public record GitSource(
    String root, String key, String url, GitRepository.Ref ref, String credentialRef, Origin origin) {

  /** Who named the URL. */
  public enum Origin {
    /** The operator, with {@code driftless bootstrap --url}: any URL JGit fetches, local ones included. */
    REGISTERED,
    /** A GitRepository found in a reconciled repository: remote URLs only, as in Flux. */
    FOUND_IN_GIT
  }

  /** {@code GitRepository/namespace/name}, as errors name it. */
  public String subject() {
    return ObjectId.subject(GitRepository.KIND, key);
  }
}
