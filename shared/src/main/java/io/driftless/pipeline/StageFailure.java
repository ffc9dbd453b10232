package io.driftless.pipeline;

import io.driftless.model.Reason;

/** A stage failed with Flux's reason for it; the message names the file or object. */
final class StageFailure extends RuntimeException {
  private final Reason reason;

  StageFailure(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
