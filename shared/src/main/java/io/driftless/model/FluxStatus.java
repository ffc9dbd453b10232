package io.driftless.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every Flux object's status Driftless keeps has: the conditions (Ready first among them), the
 * last attempted revision and the inventory of the objects it applied.
 */
public abstract class FluxStatus {
  private List<Condition> conditions = new ArrayList<>();
  private String lastAttemptedRevision;
  private List<InventoryEntry> inventory = new ArrayList<>();

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
  }

  public String getLastAttemptedRevision() {
    return lastAttemptedRevision;
  }

  public void setLastAttemptedRevision(String lastAttemptedRevision) {
    this.lastAttemptedRevision = lastAttemptedRevision;
  }

  public List<InventoryEntry> getInventory() {
    return inventory;
  }

  public void setInventory(List<InventoryEntry> inventory) {
    this.inventory = inventory == null ? new ArrayList<>() : new ArrayList<>(inventory);
  }

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** Sets a condition, keeping its lastTransitionTime when the status did not change. */
  public void setCondition(String type, String status, String reason, String message, String now) {
    Optional<Condition> old = condition(type);
    String since = old.filter(c -> c.status().equals(status)).map(Condition::lastTransitionTime).orElse(now);
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
