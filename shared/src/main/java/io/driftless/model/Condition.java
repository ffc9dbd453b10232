package io.driftless.model;

import io.driftless.model.Redact;

/**
 * A status condition as Flux writes it. Types are {@link #READY}, {@link #RECONCILING} and
 * {@link #STALLED}; reasons are in {@link Reason}.
 */
public record Condition(
    String type, String status, String reason, String message, String lastTransitionTime) {

  /** A message never holds a URL's user info or a webhook digest: status is read by anyone who can list it. */
  public Condition {
    message = Redact.text(message);
  }

  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String HEALTHY = "Healthy";
  /** helm-controller's: whether the last Helm action succeeded. */
  public static final String RELEASED = "Released";
  /** helm-controller's: a failed release was rolled back or uninstalled. */
  public static final String REMEDIATED = "Remediated";
  /** helm-controller's: the release's test hooks passed. */
  public static final String TEST_SUCCESS = "TestSuccess";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  public boolean isTrue() {
    return TRUE.equals(status);
  }
}
