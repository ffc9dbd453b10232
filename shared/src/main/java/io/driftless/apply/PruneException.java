package io.driftless.apply;

import io.driftless.model.InventoryEntry;
import java.util.List;

/** Some stale objects could not be deleted; they stay in the inventory so the next run retries. */
public class PruneException extends RuntimeException {
  private final transient ChangeSet partial;
  private final List<InventoryEntry> survivors;

  public PruneException(String message, ChangeSet partial, List<InventoryEntry> survivors) {
    super(message);
    this.partial = partial;
    this.survivors = List.copyOf(survivors);
  }

  public ChangeSet partial() {
    return partial;
  }

  /** The entries that are still in the cluster and must be kept in the inventory. */
  public List<InventoryEntry> survivors() {
    return survivors;
  }
}
