package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.record.KustomizationRecord;

/**
 * The step of a Kustomization's reconcile between prune and the health check: the Flux objects its
 * build contained are handed over (so HelmReleases are registered and reconciled, and a health check
 * covering them can see their Ready). A {@link StageFailure} it throws is the Kustomization's.
 */
interface AfterApply {
  AfterApply NONE = (rec, ks, found) -> {};

  void applied(KustomizationRecord rec, Kustomization ks, Discovered found);
}
