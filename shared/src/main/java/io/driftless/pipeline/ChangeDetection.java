package io.driftless.pipeline;

import io.driftless.model.InventoryEntry;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.AppliedState;
import io.driftless.record.KustomizationRecord;
import io.driftless.render.BuildResult;
import io.driftless.source.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Whether a push can skip a Kustomization's apply: its build (the rendered objects and the
 * Kustomization's own spec, which says how they are applied) has the digest of the last successful
 * full apply, which left the inventory the status still holds. The scheduled drift check never
 * skips: it is what catches hand edits of unchanged objects.
 */
final class ChangeDetection {
  private ChangeDetection() {}

  /** The digest of what an apply would do: the build's objects and the Kustomization's manifest. */
  static String buildDigest(BuildResult build, KustomizationRecord rec) {
    return Digests.sha256((build.digest() + "\n" + rec.manifest()).getBytes(StandardCharsets.UTF_8));
  }

  static String inventoryDigest(List<InventoryEntry> inventory) {
    StringBuilder text = new StringBuilder();
    inventory.forEach(e -> text.append(e.id()).append(' ').append(e.v()).append('\n'));
    return Digests.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** True when the last full apply applied exactly {@code buildDigest} and succeeded, and nothing since failed. */
  static boolean unchanged(KustomizationRecord rec, KustomizationStatus status, String buildDigest) {
    AppliedState last = rec.applied();
    return last != null
        && status.isReady()
        && buildDigest.equals(last.buildDigest())
        && inventoryDigest(status.getInventory()).equals(last.inventoryDigest());
  }

  /** What a successful full apply at {@code now} records. */
  static AppliedState applied(String buildDigest, List<InventoryEntry> inventory, Instant now) {
    return new AppliedState(buildDigest, inventoryDigest(inventory), now.toString());
  }
}
