package io.driftless.helm.action;

import io.driftless.model.Reason;

/** A Helm action failed, with Flux's reason for it; the message names the HelmRelease and the release. */
public final class ActionFailure extends RuntimeException {
  private final Reason reason;

  public ActionFailure(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
