package io.driftless.pipeline;

/**
 * What a manual reconcile ({@code driftless reconcile}, the reconcile function) covers.
 * {@code kustomization} is {@code namespace/name} or a bare name (namespace
 * flux-system); null means all. {@code cluster} null means every registered cluster.
 */
public record ManualReconcile(String kustomization, String cluster, boolean withSource) {
  public static ManualReconcile all() {
    return new ManualReconcile(null, null, true);
  }
}
