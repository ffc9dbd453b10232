package io.driftless.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status Driftless keeps per (Kustomization, cluster), shaped like Flux's (flux.md §1.2): Ready,
 * Reconciling and Stalled conditions, applied and attempted revisions, inventory and history.
 */
public final class KustomizationStatus {
  public static final int MAX_HISTORY = 5;

  private long observedGeneration = -1;
  private List<Condition> conditions = new ArrayList<>();
  private String lastAppliedRevision;
  private String lastAttemptedRevision;
  private String lastHandledReconcileAt;
  private List<InventoryEntry> inventory = new ArrayList<>();
  private List<HistoryEntry> history = new ArrayList<>();

  public long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
  }

  public String getLastAppliedRevision() {
    return lastAppliedRevision;
  }

  public void setLastAppliedRevision(String lastAppliedRevision) {
    this.lastAppliedRevision = lastAppliedRevision;
  }

  public String getLastAttemptedRevision() {
    return lastAttemptedRevision;
  }

  public void setLastAttemptedRevision(String lastAttemptedRevision) {
    this.lastAttemptedRevision = lastAttemptedRevision;
  }

  public String getLastHandledReconcileAt() {
    return lastHandledReconcileAt;
  }

  public void setLastHandledReconcileAt(String lastHandledReconcileAt) {
    this.lastHandledReconcileAt = lastHandledReconcileAt;
  }

  public List<InventoryEntry> getInventory() {
    return inventory;
  }

  public void setInventory(List<InventoryEntry> inventory) {
    this.inventory = inventory == null ? new ArrayList<>() : new ArrayList<>(inventory);
  }

  public List<HistoryEntry> getHistory() {
    return history;
  }

  public void setHistory(List<HistoryEntry> history) {
    this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
  }

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** Sets a condition, keeping its lastTransitionTime when the status did not change. */
  public void setCondition(String type, String status, String reason, String message, String now) {
    Optional<Condition> old = condition(type);
    String since =
        old.filter(c -> c.status().equals(status)).map(Condition::lastTransitionTime).orElse(now);
    conditions.removeIf(c -> c.type().equals(type));
    conditions.add(new Condition(type, status, reason, message, since));
  }

  public void removeCondition(String type) {
    conditions.removeIf(c -> c.type().equals(type));
  }

  public boolean isReady() {
    return condition(Condition.READY).map(Condition::isTrue).orElse(false);
  }
}
