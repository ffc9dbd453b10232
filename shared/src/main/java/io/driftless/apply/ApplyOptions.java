package io.driftless.apply;

import io.driftless.model.ObjectId;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How to apply: {@code force} recreates objects whose immutable fields changed (Flux's
 * {@code spec.force}); {@code stageWaitTimeout} bounds the wait for CRDs, Namespaces and classes;
 * {@code detectOnly} writes nothing and reports each object that differs from Git as drifted;
 * {@code inventory} is what the last apply recorded (null when unknown): a kind none of whose objects
 * is in it is new to this Kustomization, and its bulk read may come from the API server's cache;
 * {@code ignore} are the Kustomization's {@code spec.ignore} rules: the paths they select on an existing
 * object are left to its other managers (a live value there is not drift and is not overwritten).
 */
public record ApplyOptions(boolean force, Duration stageWaitTimeout, boolean detectOnly, Set<ObjectId> inventory,
    WaveListings wave, List<DriftDetector.IgnoreRule> ignore) {

  public ApplyOptions {
    if (stageWaitTimeout == null || stageWaitTimeout.isNegative()) {
      throw new IllegalArgumentException("stageWaitTimeout must be zero or positive, got " + stageWaitTimeout);
    }
    ignore = ignore == null ? List.of() : List.copyOf(ignore);
  }

  /** Applies and corrects drift. */
  public ApplyOptions(boolean force, Duration stageWaitTimeout) {
    this(force, stageWaitTimeout, false);
  }

  /** With no inventory known: every bulk read is a consistent one. */
  public ApplyOptions(boolean force, Duration stageWaitTimeout, boolean detectOnly) {
    this(force, stageWaitTimeout, detectOnly, null, null, List.of());
  }

  /** No recreation, and Flux's 60 s wait per stage. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(false, Duration.ofSeconds(60));
  }

  /** These options, reporting drift instead of correcting it. */
  public ApplyOptions detecting() {
    return new ApplyOptions(force, stageWaitTimeout, true, inventory, wave, ignore);
  }

  /** These options, knowing the objects the last apply recorded. */
  public ApplyOptions withInventory(Set<ObjectId> last) {
    return new ApplyOptions(force, stageWaitTimeout, detectOnly, last == null ? null : Set.copyOf(last), wave, ignore);
  }

  /** These options, sharing the first applies' listings of {@code listings} (one wave's). */
  public ApplyOptions sharing(WaveListings listings) {
    return new ApplyOptions(force, stageWaitTimeout, detectOnly, inventory, listings, ignore);
  }

  /** These options, leaving the paths {@code rules} select to the objects' other managers. */
  public ApplyOptions ignoring(List<DriftDetector.IgnoreRule> rules) {
    return new ApplyOptions(force, stageWaitTimeout, detectOnly, inventory, wave, rules);
  }

  /** True when the last apply is known to have recorded none of {@code ids}. */
  boolean noneRecorded(java.util.Collection<ObjectId> ids) {
    return inventory != null && ids.stream().noneMatch(inventory::contains);
  }
}
