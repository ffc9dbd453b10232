package io.driftless.record;

import java.time.Instant;

/**
 * A worker's hold on a queued request while it runs it: renewed by a heartbeat, taken over by
 * another worker once {@code expiresAt} has passed without renewal (the holder died). {@code request}
 * is the request as the claim's write found it, so the worker need not read it again.
 */
public record RequestClaim(String requestId, String holder, Instant expiresAt, ReconcileRequest request) {}
