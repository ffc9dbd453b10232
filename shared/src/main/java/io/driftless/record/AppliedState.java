package io.driftless.record;

/**
 * What the last successful full apply of a (Kustomization, cluster) applied: the digest of the
 * rendered objects together with the Kustomization's spec ({@code buildDigest}), the digest of the
 * inventory it left ({@code inventoryDigest}) and when it ran ({@code appliedAt}, an ISO instant).
 * A push whose build has the same digest skips the apply; the drift check still runs a full apply
 * {@code interval} after {@code appliedAt}.
 */
public record AppliedState(String buildDigest, String inventoryDigest, String appliedAt) {}
