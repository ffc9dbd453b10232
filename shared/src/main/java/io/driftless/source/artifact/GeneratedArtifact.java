package io.driftless.source.artifact;

import java.nio.file.Path;

/**
 * An ExternalArtifact an ArtifactGenerator produced: its files under {@code root} (kept by digest,
 * never changed once written), its {@code revision} ({@code latest@sha256:<digest>}, or the revision
 * of the source its {@code revision: "@alias"} names) and the {@code digest} of its content.
 */
public record GeneratedArtifact(String key, Path root, String revision, String digest) {}
