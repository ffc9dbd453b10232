package io.driftless.model.helm;

import io.driftless.model.FluxStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status Driftless keeps per (HelmRelease, cluster), shaped like helm-controller's (helm.md
 * §1.10): Ready, Released and Reconciling conditions, the last attempted chart version, config digest
 * and action, the storage namespace in use, the release history (newest first) and the inventory of
 * the objects the release applied.
 */
public final class HelmReleaseStatus extends FluxStatus {
  /** helm-controller keeps at most five snapshots. */
  public static final int MAX_HISTORY = 5;

  private String lastAttemptedConfigDigest;
  private String lastAttemptedReleaseAction;
  private String storageNamespace;
  private List<ReleaseSnapshot> history = new ArrayList<>();
  private String observedPostRenderersDigest;
  private String observedCommonMetadataDigest;
  private String observedValuesFilesDigest;

  /**
   * One entry of {@code status.history} ({@code api/v2/snapshot_types.go}): the release revision and
   * what it was made of. Times are RFC 3339.
   */
  public record ReleaseSnapshot(
      String apiVersion,
      String name,
      String namespace,
      int version,
      String status,
      String action,
      String chartName,
      String chartVersion,
      String appVersion,
      String configDigest,
      String firstDeployed,
      String lastDeployed) {}

  public String getLastAttemptedConfigDigest() {
    return lastAttemptedConfigDigest;
  }

  public void setLastAttemptedConfigDigest(String lastAttemptedConfigDigest) {
    this.lastAttemptedConfigDigest = lastAttemptedConfigDigest;
  }

  public String getLastAttemptedReleaseAction() {
    return lastAttemptedReleaseAction;
  }

  public void setLastAttemptedReleaseAction(String lastAttemptedReleaseAction) {
    this.lastAttemptedReleaseAction = lastAttemptedReleaseAction;
  }

  public String getStorageNamespace() {
    return storageNamespace;
  }

  public void setStorageNamespace(String storageNamespace) {
    this.storageNamespace = storageNamespace;
  }

  public List<ReleaseSnapshot> getHistory() {
    return history;
  }

  public void setHistory(List<ReleaseSnapshot> history) {
    this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
  }

  /** The newest snapshot, if any release was recorded. */
  public Optional<ReleaseSnapshot> latest() {
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(0));
  }

  /** Adds the newest snapshot (replacing one of the same version), keeping {@link #MAX_HISTORY}. */
  public void addSnapshot(ReleaseSnapshot snapshot) {
    List<ReleaseSnapshot> next = new ArrayList<>();
    next.add(snapshot);
    history.stream().filter(h -> h.version() != snapshot.version()).forEach(next::add);
    history = new ArrayList<>(next.subList(0, Math.min(next.size(), MAX_HISTORY)));
  }

  /** helm-controller's digest of {@code spec.postRenderers} the current release was made with. */
  public String getObservedPostRenderersDigest() {
    return observedPostRenderersDigest;
  }

  public void setObservedPostRenderersDigest(String observedPostRenderersDigest) {
    this.observedPostRenderersDigest = observedPostRenderersDigest;
  }

  /** helm-controller's digest of {@code spec.commonMetadata} the current release was made with. */
  public String getObservedCommonMetadataDigest() {
    return observedCommonMetadataDigest;
  }

  public void setObservedCommonMetadataDigest(String observedCommonMetadataDigest) {
    this.observedCommonMetadataDigest = observedCommonMetadataDigest;
  }

  /**
   * Driftless's digest of {@code spec.chart.spec.valuesFiles}: where source-controller gives the chart
   * a new version on such a change, Driftless upgrades when this differs.
   */
  public String getObservedValuesFilesDigest() {
    return observedValuesFilesDigest;
  }

  public void setObservedValuesFilesDigest(String observedValuesFilesDigest) {
    this.observedValuesFilesDigest = observedValuesFilesDigest;
  }
}
