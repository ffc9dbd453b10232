package io.driftless.record;

import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmReleaseStatus;

/**
 * A Helm work item: one of Flux's Helm objects (HelmRelease, HelmRepository, OCIRepository,
 * HelmChart) on one cluster, found in the build of the Kustomization {@code parent}. {@code key} is
 * {@code <Kind>/<namespace>/<name>}; {@code manifest} the object's YAML as found in Git. Only a
 * HelmRelease has a {@code status}; {@code version} guards its writes as for a Kustomization.
 * {@code suspended} is {@code driftless suspend}'s mark, kept in the table apart from the manifest
 * (so a new commit does not clear it); {@code spec.suspend} in Git suspends as well. {@code durations}
 * counts how long a HelmRelease's reconciles took, for {@code gotk_reconcile_duration_seconds}.
 */
public record HelmRecord(
    String cluster,
    String key,
    String root,
    String parent,
    String manifest,
    HelmReleaseStatus status,
    String lastReconciledAt,
    long version,
    boolean suspended,
    ReconcileDurations durations) {

  public HelmRecord(String cluster, String key, String root, String parent, String manifest, HelmReleaseStatus status,
      String lastReconciledAt, long version, boolean suspended) {
    this(cluster, key, root, parent, manifest, status, lastReconciledAt, version, suspended, ReconcileDurations.NONE);
  }

  public HelmRecord(String cluster, String key, String root, String parent, String manifest, HelmReleaseStatus status,
      String lastReconciledAt, long version) {
    this(cluster, key, root, parent, manifest, status, lastReconciledAt, version, false);
  }

  /** The key of a Helm object: {@code HelmRelease/podinfo/podinfo}. */
  public static String keyOf(String kind, String namespace, String name) {
    return ObjectId.subject(kind, namespace, name);
  }

  public String kind() {
    return key.substring(0, key.indexOf('/'));
  }
}
