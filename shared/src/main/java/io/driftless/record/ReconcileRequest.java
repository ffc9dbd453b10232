package io.driftless.record;

/**
 * A durable request to reconcile, written before the webhook answers so that nothing is lost if the
 * webhook's invocation ends. {@code target} is a source key ({@code namespace/name}) for a push, or a
 * Kustomization key for a manual request; {@code cluster} may be empty for all clusters.
 */
public record ReconcileRequest(
    String id, String kind, String target, String cluster, String reason, String requestedAt) {

  public static final String KIND_SOURCE = "source";
  public static final String KIND_KUSTOMIZATION = "kustomization";
  public static final String KIND_ROOT = "root";
}
