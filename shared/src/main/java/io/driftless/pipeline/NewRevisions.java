package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RequestQueue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Flux's CancelHealthCheckOnNewRevision: while a Kustomization waits for health, a push of its source
 * queued after its run started ends the wait, so the new revision is applied next instead of after the
 * old revision's timeout. A push is a pending request naming the Kustomization's GitRepository (a
 * webhook or a Receiver), or its root (a push to the root's repository); a schedule tick or a manual
 * request of the root is not one, nor is a work item (a tick queues those too: the wait would never end).
 */
final class NewRevisions {
  private static final Set<String> NOT_PUSHES = Set.of("schedule", "manual");
  private NewRevisions() {}

  /** The push that arrived for {@code ks} after {@code started}, if one did. */
  static Optional<ReconcileRequest> after(RequestQueue queue, KustomizationRecord rec, Kustomization ks,
      Instant started) {
    String source = Bootstrap.sourceKey(rec.root(), Sources.keyOf(ks));
    return queue.pendingRequests().stream()
        .filter(r -> queuedAfter(r, started))
        .filter(r -> switch (r.kind()) {
          case ReconcileRequest.KIND_SOURCE -> r.target().equals(source);
          case ReconcileRequest.KIND_ROOT -> r.target().equals(rec.root()) && !NOT_PUSHES.contains(r.reason());
          default -> false;
        })
        .findFirst();
  }

  private static boolean queuedAfter(ReconcileRequest r, Instant started) {
    try {
      return r.requestedAt() != null && Instant.parse(r.requestedAt()).isAfter(started);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
