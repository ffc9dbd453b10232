package io.driftless.source;

/** Fetching a source failed; the message names the source and URL, never a credential. */
public class SourceException extends RuntimeException {
  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }

  public SourceException(String message) {
    super(message);
  }
}
