package io.driftless.source;

import io.driftless.model.Revision;
import java.util.Optional;

/** The source stage: makes a revision of a Git repository available on local disk. */
public interface SourceFetcher {

  /** Fetches the ref's current commit (or reuses the cache when the remote has not moved). */
  SourceSnapshot fetch(GitSource source);

  /** The revision already on local disk, without asking the remote; empty when it is not cached. */
  default Optional<SourceSnapshot> cached(GitSource source, Revision revision) {
    return Optional.empty();
  }

  /**
   * The paths (source-relative, files only) that differ between two commits of the source, from what
   * is on local disk; empty when either commit is not there (a cold start, or a history the shallow
   * fetch never brought), so the caller must assume everything changed.
   */
  default Optional<java.util.Set<String>> changedPaths(GitSource source, String fromCommit, String toCommit) {
    return Optional.empty();
  }
}
