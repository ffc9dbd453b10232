package io.driftless.source;

import io.driftless.model.GitRepository;

/**
 * How a Flux ref maps to Git: the remote ref to ask for and the ref part of the revision string
 * (flux.md §1.9). Precedence as in Flux: commit, name, semver, tag, branch.
 */
record RefResolution(String remoteRef, String revisionRef, String pinnedCommit) {

  static RefResolution of(GitSource source) {
    GitRepository.Ref ref = source.ref();
    if (ref.commit() != null && !ref.commit().isBlank()) {
      String commit = ref.commit().toLowerCase();
      if (ref.branch() != null) {
        return new RefResolution("refs/heads/" + ref.branch(), ref.branch(), commit);
      }
      return new RefResolution(null, "", commit);
    }
    if (ref.name() != null && !ref.name().isBlank()) {
      return new RefResolution(ref.name(), ref.name(), null);
    }
    if (ref.semver() != null && !ref.semver().isBlank()) {
      throw new SourceException(
          source.subject() + ": spec.ref.semver is not supported yet; use a tag or branch");
    }
    if (ref.tag() != null && !ref.tag().isBlank()) {
      return new RefResolution("refs/tags/" + ref.tag(), ref.tag(), null);
    }
    String branch = ref.branch() == null ? "master" : ref.branch();
    return new RefResolution("refs/heads/" + branch, branch, null);
  }
}
