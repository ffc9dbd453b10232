package io.driftless.record;

import java.util.List;

/**
 * What the last successful full apply of a (Kustomization, cluster) applied: the digest of the
 * rendered objects together with the Kustomization's spec ({@code buildDigest}), the digest of the
 * inventory it left ({@code inventoryDigest}) and when it ran ({@code appliedAt}, an ISO instant).
 * A push whose build has the same digest skips the apply; the drift check still runs a full apply
 * {@code interval} after {@code appliedAt}.
 *
 * <p>{@code commit} is the source commit the build last came from (moved on by pushes that left it
 * unchanged), {@code specDigest} the digest of the Kustomization's manifest and its source's ignore
 * rules then, and {@code reads} what the build read of the source ({@code BuildReads}); empty when
 * the build may not be judged by the paths a push changed. With them a push whose changed paths the
 * build never read moves the status on without building.
 */
public record AppliedState(
    String buildDigest, String inventoryDigest, String appliedAt, String commit, String specDigest, List<String> reads) {

  public AppliedState {
    reads = reads == null ? List.of() : List.copyOf(reads);
  }

  public AppliedState(String buildDigest, String inventoryDigest, String appliedAt) {
    this(buildDigest, inventoryDigest, appliedAt, null, null, List.of());
  }

  /** This state, the build having come out the same from {@code commit}. */
  public AppliedState at(String newCommit, String newSpecDigest, List<String> newReads) {
    return new AppliedState(buildDigest, inventoryDigest, appliedAt, newCommit, newSpecDigest, newReads);
  }

  /** Whether a push may be judged by the paths it changed. */
  public boolean judgedByPaths() {
    return commit != null && specDigest != null && !reads.isEmpty();
  }
}
