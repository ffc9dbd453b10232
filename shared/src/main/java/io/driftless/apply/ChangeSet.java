package io.driftless.apply;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.driftless.model.InventoryEntry;
import io.driftless.model.ObjectId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The ordered record of what an apply or prune did, object by object. */
public final class ChangeSet {
  private final List<ChangeSetEntry> entries = new ArrayList<>();

  public ChangeSet() {}

  /** A change set holding these entries, in order (also how one is read back from JSON). */
  @JsonCreator
  public static ChangeSet of(List<ChangeSetEntry> entries) {
    ChangeSet set = new ChangeSet();
    entries.forEach(set::add);
    return set;
  }

  public void add(ChangeSetEntry e) {
    entries.add(e);
  }

  public void addAll(ChangeSet o) {
    entries.addAll(o.entries);
  }

  @JsonValue
  public List<ChangeSetEntry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** One {@code Kind/ns/name action} line per entry. */
  public List<String> lines() {
    return entries.stream().map(ChangeSetEntry::line).toList();
  }

  /** True when any entry is neither unchanged nor skipped: only then is an event worth sending. */
  public boolean hasChanges() {
    return entries.stream().anyMatch(ChangeSetEntry::changed);
  }

  /** The entries that changed something (created, configured, deleted…), as Flux's events carry them. */
  public List<ChangeSetEntry> changed() {
    return entries.stream().filter(ChangeSetEntry::changed).toList();
  }

  /** The drifted entries of a detect-only apply. */
  public List<ChangeSetEntry> drifted() {
    return entries.stream().filter(e -> e.action() == Action.DRIFTED).toList();
  }

  /** True when the set records this action on this object. */
  public boolean contains(ObjectId id, Action action) {
    return entries.stream().anyMatch(e -> e.id().equals(id) && e.action() == action);
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
