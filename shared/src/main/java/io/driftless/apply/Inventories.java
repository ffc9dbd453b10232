package io.driftless.apply;

import io.driftless.model.InventoryEntry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Inventory arithmetic as Flux does it: identity is the id, the version never counts. */
public final class Inventories {
  private Inventories() {}

  /** Entries of the old inventory whose id is not in the new one: the objects to prune. */
  public static List<InventoryEntry> stale(List<InventoryEntry> oldInv, List<InventoryEntry> newInv) {
    Set<String> keep = newInv.stream().map(InventoryEntry::id).collect(Collectors.toSet());
    return oldInv.stream().filter(e -> !keep.contains(e.id())).toList();
  }

  /** The old entries, then the new ones whose id the old lack: what is on the cluster after a partial apply. */
  public static List<InventoryEntry> union(List<InventoryEntry> oldInv, List<InventoryEntry> newInv) {
    List<InventoryEntry> all = new java.util.ArrayList<>(oldInv);
    all.addAll(stale(newInv, oldInv));
    return all;
  }
}
