package io.driftless.record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable queue of reconcile requests and work items, with claims. One role of the {@link StateStore}. */
public interface RequestQueue {
  /**
   * Queues {@code request}; false when a request with its id was queued before (a work item already
   * queued in its wave, a delivery seen twice), which then is left as it is.
   */
  boolean enqueue(ReconcileRequest request);

  Optional<ReconcileRequest> getRequest(String id);

  /** Requests not yet completed, oldest first (claimed ones too). */
  List<ReconcileRequest> pendingRequests();

  /**
   * Pending requests whose worker claimed them and then stopped renewing the claim before {@code now}
   * (it died mid-run), oldest first.
   */
  List<ReconcileRequest> abandonedRequests(Instant now);

  /**
   * Claims the pending request {@code id} for {@code holder} until now + {@code ttl} with a
   * conditional write: when nobody holds it, its holder let the claim expire, or {@code holder}
   * already holds it (a renewal). Empty when another live holder has it, or it is completed or gone.
   */
  Optional<RequestClaim> claimRequest(String id, String holder, Duration ttl);

  /** Marks the request done: it leaves the pending list, and queuing its id again in the same wave is refused. */
  void completeRequest(String id);
}
