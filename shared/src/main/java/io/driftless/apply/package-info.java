/**
 * The apply stage, as Flux's kustomize-controller does it, over a fabric8 {@code KubernetesClient}:
 * {@link io.driftless.apply.ResourceManager#applyAllStaged} applies in three stages (CRDs, Namespaces
 * and ClusterRoles, then classes, then the rest; waiting for the first two), each object with a
 * server-side dry-run first so that an unchanged object is never written; {@link
 * io.driftless.apply.ResourceManager#prune} deletes stale objects this Kustomization owns.
 */
package io.driftless.apply;
