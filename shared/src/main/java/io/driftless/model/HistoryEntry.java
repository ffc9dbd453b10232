package io.driftless.model;

import java.util.Map;

/**
 * One entry of Flux's status history (at most 5, de-duplicated by digest of the built YAML and status).
 */
public record HistoryEntry(
    String digest,
    String firstReconciled,
    String lastReconciled,
    String lastReconciledDuration,
    String lastReconciledStatus,
    long totalReconciliations,
    Map<String, String> metadata) {}
