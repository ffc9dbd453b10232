package io.driftless.apply;

/** An object could not be applied; the message names it ({@code Kind/ns/name}) and the API's reason. */
public class ApplyException extends RuntimeException {
  private final transient ChangeSet partial;

  public ApplyException(String message, ChangeSet partial, Throwable cause) {
    super(message, cause);
    this.partial = partial;
  }

  /** What was applied before the failure. */
  public ChangeSet partial() {
    return partial;
  }
}
