package io.driftless.source.artifact;

/** An ExternalArtifact could not be generated; the message names the generator, the artifact and the cause. */
public final class ArtifactException extends RuntimeException {
  public ArtifactException(String message) {
    super(message);
  }
}
