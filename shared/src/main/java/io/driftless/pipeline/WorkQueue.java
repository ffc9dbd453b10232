package io.driftless.pipeline;

import io.driftless.record.ReconcileRequest;
import io.driftless.record.RequestClaim;
import io.driftless.record.StateStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Runs one queued request under a claim: claims it (a live claim elsewhere means another worker has
 * it), renews the claim by heartbeat while it runs, runs it (a work item, or a request that fans out
 * into work items), queues what comes next, and only then marks it done. A worker that dies before
 * the end leaves the request pending with a claim that lapses within its time to live, and the next
 * drain or retry runs it again: the items it had queued are not queued twice (their ids are taken
 * in their wave).
 */
final class WorkQueue {
  private static final Logger LOG = Logger.getLogger(WorkQueue.class.getName());
  private final ReconcileContext ctx;
  private final WorkPlanner planner;

  WorkQueue(ReconcileContext ctx) {
    this.ctx = ctx;
    this.planner = new WorkPlanner(ctx.store());
  }

  /** What running one request did: whether this worker had it, its outcomes, the items it newly queued. */
  record Ran(boolean claimed, List<ReconcileOutcome> outcomes, List<ReconcileRequest> queued) {
    static final Ran NOT_CLAIMED = new Ran(false, List.of(), List.of());
  }

  Ran run(String id) {
    StateStore store = ctx.store();
    String holder = ctx.holder() + "/" + UUID.randomUUID();
    Optional<RequestClaim> claim = store.claimRequest(id, holder, ctx.lockTtl());
    if (claim.isEmpty()) {
      return Ran.NOT_CLAIMED;
    }
    LOG.info("[work] " + id);
    List<ReconcileOutcome> outcomes = List.of();
    List<ReconcileRequest> queued;
    try (LeaseHeartbeat beat = LeaseHeartbeat.keep("request " + id, ctx.lockTtl(),
        () -> store.claimRequest(id, holder, ctx.lockTtl()).isPresent())) {
      Ran ran = step(claim.get().request()); // as the claim found it: pending, not done
      outcomes = ran.outcomes();
      queued = ran.queued().stream().filter(store::enqueue).toList();
    } catch (Error e) {
      // an Error would end the same way on every delivery: completed, not redelivered until the dead-letter queue
      InternalErrors.describe("request " + id, "run", e);
      queued = List.of();
    }
    store.completeRequest(id); // after the heartbeat stopped, so no renewal follows it
    return new Ran(true, outcomes, queued);
  }

  /**
   * The step itself, with nothing written to the queue: a work item runs, any other request is
   * planned into its first items. What follows is returned, not queued: the caller queues it (the
   * table's queue), or runs it itself (the in-process dispatch, which keeps no queue).
   */
  Ran step(ReconcileRequest request) {
    if (request.isItem()) {
      WorkItemRun.Result r = new WorkItemRun(ctx).run(request);
      return new Ran(true, r.outcomes(), r.next());
    }
    if (request.isFetch()) {
      return new Ran(true, List.of(), new SourceFetchRun(ctx).run(request));
    }
    return new Ran(true, List.of(), planner.plan(request));
  }

  /** The work items of a schedule tick at {@code now}, newly queued. */
  List<ReconcileRequest> tick(Instant now) {
    return planner.tick("tick:" + now, now).stream().filter(ctx.store()::enqueue).toList();
  }

  /** The work items of a schedule tick at {@code now} in wave {@code wave}, not queued. */
  List<ReconcileRequest> plannedTick(String wave, Instant now) {
    return planner.tick(wave, now);
  }
}
