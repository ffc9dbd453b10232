package io.driftless.record;

import io.driftless.model.KustomizationStatus;

/**
 * A work item: one Flux Kustomization on one cluster. {@code manifest} is the Kustomization's YAML as
 * found in Git; {@code parent} is the key of the Kustomization whose build contained it (empty for the
 * root). {@code version} increases on every status write and guards it (optimistic concurrency);
 * {@code lastReconciledAt} is when the status was last written, which the schedule measures
 * {@code retryInterval} from; {@code applied} is what the last successful full apply applied (null
 * before the first), which the drift check's {@code interval} is measured from. {@code suspended} is
 * {@code driftless suspend ks}'s mark, kept in the table apart from the manifest (a new commit does
 * not clear it); {@code spec.suspend} in Git suspends as well. {@code durations} counts how long its
 * reconciles took, for {@code gotk_reconcile_duration_seconds}.
 */
public record KustomizationRecord(
    String cluster,
    String key,
    String root,
    String parent,
    String manifest,
    KustomizationStatus status,
    String lastReconciledAt,
    long version,
    AppliedState applied,
    boolean suspended,
    ReconcileDurations durations) {

  public KustomizationRecord(String cluster, String key, String root, String parent, String manifest,
      KustomizationStatus status, String lastReconciledAt, long version, AppliedState applied) {
    this(cluster, key, root, parent, manifest, status, lastReconciledAt, version, applied, false, ReconcileDurations.NONE);
  }
}
