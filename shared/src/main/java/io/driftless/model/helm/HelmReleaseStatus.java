package io.driftless.model.helm;

import io.driftless.model.FluxStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status Driftless keeps per (HelmRelease, cluster), shaped like helm-controller's (helm.md
 * §1.10): Ready, Released, Remediated, TestSuccess, Reconciling and Stalled conditions, the failure
 * counters, the last attempted chart version, config digest
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
  private int failures;
  private int installFailures;
  private int upgradeFailures;
  private String lastAttemptedSpecDigest;

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
      String lastDeployed,
      Map<String, TestHookStatus> testHooks) {

    public ReleaseSnapshot {
      testHooks = testHooks == null ? null : new LinkedHashMap<>(testHooks);
    }

    /** This snapshot with the results of its test hooks, by hook name. */
    public ReleaseSnapshot withTestHooks(Map<String, TestHookStatus> results) {
      return new ReleaseSnapshot(apiVersion, name, namespace, version, status, action, chartName, chartVersion,
          appVersion, configDigest, firstDeployed, lastDeployed, results);
    }

    /** True once the release's tests ran (an empty map: it has no test hooks); null before. */
    public boolean hasTestResults() {
      return testHooks != null;
    }

    public boolean testsFailed() {
      return testHooks != null && testHooks.values().stream().anyMatch(t -> "Failed".equals(t.phase()));
    }
  }

  /** One test hook's last run in a snapshot ({@code testHooks.<name>}): RFC 3339 times and Helm's phase. */
  public record TestHookStatus(String lastStarted, String lastCompleted, String phase) {}

  /** Total failures since the counters were last reset ({@code status.failures}). */
  public int getFailures() {
    return failures;
  }

  public void setFailures(int failures) {
    this.failures = failures;
  }

  public int getInstallFailures() {
    return installFailures;
  }

  public void setInstallFailures(int installFailures) {
    this.installFailures = installFailures;
  }

  public int getUpgradeFailures() {
    return upgradeFailures;
  }

  public void setUpgradeFailures(int upgradeFailures) {
    this.upgradeFailures = upgradeFailures;
  }

  /**
   * Driftless's stand-in for {@code lastAttemptedGeneration}: the digest of the HelmRelease as found
   * in Git when a release was last attempted (a HelmRelease never reaches the cluster, so it has no
   * generation). A change resets the failure counters.
   */
  public String getLastAttemptedSpecDigest() {
    return lastAttemptedSpecDigest;
  }

  public void setLastAttemptedSpecDigest(String lastAttemptedSpecDigest) {
    this.lastAttemptedSpecDigest = lastAttemptedSpecDigest;
  }

  /** Replaces the newest snapshot (the release this HelmRelease last acted on), if any. */
  public void replaceLatest(ReleaseSnapshot snapshot) {
    if (!history.isEmpty()) {
      history.set(0, snapshot);
    }
  }

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
