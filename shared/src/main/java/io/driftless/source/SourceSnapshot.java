package io.driftless.source;

import io.driftless.model.Revision;
import java.nio.file.Path;

/**
 * A checked-out revision of a source: the files under {@code root} are exactly that commit.
 * {@code fetched} is false when the cache already held the remote's commit and nothing was fetched.
 */
public record SourceSnapshot(String sourceKey, Revision revision, Path root, boolean fetched) {}
