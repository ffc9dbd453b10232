package io.driftless.apply;

import io.driftless.model.InventoryEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The ordered record of what an apply or prune did, object by object. */
public final class ChangeSet {
  private final List<ChangeSetEntry> entries = new ArrayList<>();

  public ChangeSet() {}

  public void add(ChangeSetEntry e) {
    entries.add(e);
  }

  public void addAll(ChangeSet o) {
    entries.addAll(o.entries);
  }

  public List<ChangeSetEntry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** One {@code Kind/ns/name action} line per entry. */
  public List<String> lines() {
    return entries.stream().map(ChangeSetEntry::line).toList();
  }

  /** True when any entry is neither unchanged nor skipped: only then is an event worth sending. */
  public boolean hasChanges() {
    return entries.stream().anyMatch(e -> e.action() != Action.UNCHANGED && e.action() != Action.SKIPPED);
  }

  /** The inventory Flux keeps: every applied or skipped object (deleted ones left out). */
  public List<InventoryEntry> toInventory() {
    return entries.stream().filter(e -> e.action() != Action.DELETED)
        .map(e -> InventoryEntry.of(e.id(), e.version())).distinct().toList();
  }

  @Override
  public String toString() {
    return String.join("\n", lines());
  }
}
