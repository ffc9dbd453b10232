package io.driftless.pipeline;

/**
 * A manual reconcile request. {@code kustomization} is {@code namespace/name} or a bare name (namespace
 * flux-system); null means all. {@code cluster} null means every registered cluster.
 */
public record ReconcileCommand(String kustomization, String cluster, boolean withSource) {
  public static ReconcileCommand all() {
    return new ReconcileCommand(null, null, true);
  }
}
