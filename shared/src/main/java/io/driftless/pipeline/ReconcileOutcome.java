package io.driftless.pipeline;

import io.driftless.apply.ChangeSet;
import io.driftless.model.Reason;

/**
 * What one reconcile of one (Kustomization, cluster) did: the revision it attempted, whether it is
 * Ready and why ({@code reason} is the Ready condition's), and every object it applied or pruned. For a
 * HelmRelease {@code kustomization} holds its key {@code HelmRelease/<namespace>/<name>} and
 * {@code revision} the chart version.
 */
public record ReconcileOutcome(
    String cluster,
    String kustomization,
    String revision,
    boolean ready,
    Reason reason,
    String message,
    ChangeSet changes) {

  public ReconcileOutcome {
    changes = changes == null ? new ChangeSet() : ChangeSet.of(changes.entries());
  }
}
