package io.driftless.pipeline;

import java.util.List;

/** What one reconcile of one (Kustomization, cluster) did. */
public record ReconcileOutcome(
    String cluster,
    String kustomization,
    String revision,
    boolean ready,
    String reason,
    String message,
    List<String> changes) {}
