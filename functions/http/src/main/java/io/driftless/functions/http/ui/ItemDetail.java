package io.driftless.functions.http.ui;

import io.driftless.event.Event;
import io.driftless.model.Condition;
import io.driftless.model.FluxStatus;
import io.driftless.model.InventoryEntry;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /api/items/{cluster}/{kind}/{namespace}/{name}} answers: the row, its conditions,
 * the objects it applied, its history (Flux's last 5 for a Kustomization, the Helm release snapshots
 * for a HelmRelease), its newest events as the table keeps them (those {@code driftless events} lists), the last run from this UI
 * (change set and drift). The manifest is left out: a
 * HelmRelease's inline values may hold what only Git readers should see.
 */
public record ItemDetail(
    FleetItem item,
    List<Condition> conditions,
    List<InventoryObject> inventory,
    List<?> history,
    List<?> events,
    LastRun lastRun) {

  /** An inventory entry: {@code Kind/ns/name} and the API version it was applied with. */
  public record InventoryObject(String object, String version) {
    static InventoryObject of(InventoryEntry entry) {
      return new InventoryObject(entry.objectId().subject(), entry.v());
    }
  }

  static ItemDetail of(KustomizationRecord rec, Optional<LastRun> last, List<Event> events) {
    return of(FleetItem.of(rec), rec.status(), rec.status() == null ? List.of() : rec.status().getHistory(), last, events);
  }

  static ItemDetail of(HelmRecord rec, Optional<LastRun> last, List<Event> events) {
    return of(FleetItem.of(rec), rec.status(), rec.status() == null ? List.of() : rec.status().getHistory(), last, events);
  }

  private static ItemDetail of(FleetItem item, FluxStatus status, List<?> history, Optional<LastRun> last,
      List<Event> events) {
    return new ItemDetail(item, conditions(status), inventory(status), history, events, last.orElse(null));
  }

  private static List<Condition> conditions(FluxStatus status) {
    return status == null ? List.of() : status.getConditions();
  }

  private static List<InventoryObject> inventory(FluxStatus status) {
    return status == null ? List.of() : status.getInventory().stream().map(InventoryObject::of).toList();
  }
}
