package io.driftless.record;

import java.time.Instant;

/** A held lease lock on one (Kustomization, cluster). */
public record Lease(String cluster, String key, String holder, Instant expiresAt) {}
