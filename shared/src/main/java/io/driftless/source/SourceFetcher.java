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
}
