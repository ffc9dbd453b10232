package io.driftless.helm.release;

/** A stored release that is not in Helm's format; the message names the Secret or the field. */
public class ReleaseFormatException extends RuntimeException {
  public ReleaseFormatException(String message) {
    super(message);
  }
}
