package io.driftless.source;

/** The source stage: makes a revision of a Git repository available on local disk. */
public interface SourceFetcher {

  /** Fetches the ref's current commit (or reuses the cache when the remote has not moved). */
  SourceSnapshot fetch(GitSource source);
}
