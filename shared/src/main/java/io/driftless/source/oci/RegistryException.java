package io.driftless.source.oci;

/** A registry request failed; the message names the URL and status, never a credential or token. */
public class RegistryException extends RuntimeException {
  private final int status;

  public RegistryException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when the request did not get an answer. */
  public int status() {
    return status;
  }
}
