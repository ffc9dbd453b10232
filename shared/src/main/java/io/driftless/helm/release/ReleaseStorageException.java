package io.driftless.helm.release;

/** A release revision that could not be written; the message names the release and its Secret. */
public class ReleaseStorageException extends RuntimeException {
  public ReleaseStorageException(String message) {
    super(message);
  }
}
