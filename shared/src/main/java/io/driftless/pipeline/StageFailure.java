package io.driftless.pipeline;

/** A stage failed with Flux's reason for it; the message names the file or object. */
final class StageFailure extends RuntimeException {
  private final String reason;

  StageFailure(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
