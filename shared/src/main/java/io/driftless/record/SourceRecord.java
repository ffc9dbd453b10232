package io.driftless.record;

/**
 * A Git source Driftless fetches: a GitRepository found in Git (or the root's implicit one).
 * {@code key} is {@code <root>#<namespace>/<name>} (sources belong to a root); {@code manifest} is the GitRepository's YAML as found in Git;
 * {@code lastRevision} is the last fetched revision ({@code main@sha1:…}). {@code suspended} is
 * {@code driftless suspend source git}'s mark: {@link StateStore#putSource} leaves it as it is.
 */
public record SourceRecord(
    String key,
    String root,
    String url,
    String manifest,
    String credentialRef,
    String lastRevision,
    String lastFetchedAt,
    boolean suspended) {

  public SourceRecord(String key, String root, String url, String manifest, String credentialRef, String lastRevision,
      String lastFetchedAt) {
    this(key, root, url, manifest, credentialRef, lastRevision, lastFetchedAt, false);
  }
}
