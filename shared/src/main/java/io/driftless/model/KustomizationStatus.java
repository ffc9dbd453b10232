package io.driftless.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The status Driftless keeps per (Kustomization, cluster), shaped like Flux's (flux.md §1.2): Ready,
 * Reconciling and Stalled conditions, applied and attempted revisions, inventory and history.
 */
public final class KustomizationStatus extends FluxStatus {
  public static final int MAX_HISTORY = 5;

  private long observedGeneration = -1;
  private String lastAppliedRevision;
  private String lastHandledReconcileAt;
  private List<HistoryEntry> history = new ArrayList<>();

  public long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getLastAppliedRevision() {
    return lastAppliedRevision;
  }

  public void setLastAppliedRevision(String lastAppliedRevision) {
    this.lastAppliedRevision = lastAppliedRevision;
  }

  public String getLastHandledReconcileAt() {
    return lastHandledReconcileAt;
  }

  public void setLastHandledReconcileAt(String lastHandledReconcileAt) {
    this.lastHandledReconcileAt = lastHandledReconcileAt;
  }

  public List<HistoryEntry> getHistory() {
    return history;
  }

  public void setHistory(List<HistoryEntry> history) {
    this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
  }
}
