package io.driftless.pipeline;

import io.driftless.event.Event;
import io.driftless.model.Condition;
import io.driftless.model.HistoryEntry;
import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Reason;
import io.driftless.model.Revision;
import io.driftless.record.AppliedState;
import io.driftless.record.ConcurrentUpdateException;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.dynamo.StatusJson;
import io.driftless.render.BuildReads;
import io.driftless.render.BuildResult;
import io.driftless.source.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A push that changed no path a Kustomization's last build read: its status moves to the new
 * revision ("Applied revision", as Flux's does) with no lease, no build and no apply, one status
 * write. Only for a Kustomization whose last full apply succeeded from a Git source, whose manifest
 * and source ignore rules are unchanged, whose build reads nothing from the cluster (postBuild
 * {@code substituteFrom}) and holds no HelmRelease, and whose drift check is not due; when Git no
 * longer has the old commit locally (a cold start), everything counts as changed. A forced reconcile
 * always builds.
 */
final class UnchangedInputs {
  private final ReconcileContext ctx;
  private final FetchedSources sources;
  /** The "finished" events of the Kustomizations moved on, when they are sent together ({@link #holdingEvents}). */
  private final Queue<Event> held;

  UnchangedInputs(ReconcileContext ctx, FetchedSources sources) {
    this(ctx, sources, null);
  }

  private UnchangedInputs(ReconcileContext ctx, FetchedSources sources, Queue<Event> held) {
    this.ctx = ctx;
    this.sources = sources;
    this.held = held;
  }

  /**
   * Moves Kustomizations on as {@link #advance} does but keeps their events until {@link #sendEvents}:
   * a push that moves a fleet on stores its events in a few batch writes, not one write each.
   */
  static UnchangedInputs holdingEvents(ReconcileContext ctx, FetchedSources sources) {
    return new UnchangedInputs(ctx, sources, new ConcurrentLinkedQueue<>());
  }

  /** Sends the events held so far, in one {@link io.driftless.event.EventSink#emitAll}. */
  void sendEvents() {
    if (held == null) {
      return;
    }
    List<Event> events = new ArrayList<>();
    for (Event e = held.poll(); e != null; e = held.poll()) {
      events.add(e);
    }
    ctx.events().emitAll(events);
  }

  /** What a build records for later pushes: its reads, unless it may not be judged by paths. */
  static List<String> readsOf(BuildResult build, Kustomization ks, Discovered found) {
    if (readsCluster(ks) || !found.helmObjects().isEmpty()) {
      return List.of();
    }
    return build.reads();
  }

  /** The digest of what, besides the source's files, decides the build: the manifest and the ignore rules. */
  static String specDigest(KustomizationRecord rec, String ignore) {
    return Digests.sha256((rec.manifest() + "\n--- ignore\n" + (ignore == null ? "" : ignore)).getBytes(StandardCharsets.UTF_8));
  }

  /** The outcome of moving the status on, or empty when the Kustomization must be reconciled in full. */
  Optional<ReconcileOutcome> advance(KustomizationRecord listed, Trigger trigger) {
    if (trigger.forced().test(listed.key()) || listed.applied() == null || !listed.applied().judgedByPaths()) {
      return Optional.empty();
    }
    try {
      Kustomization ks = WorkItems.parse(listed);
      if (ks.spec().suspended() || readsCluster(ks) || Schedules.isDue(listed, ks, trigger.now())) {
        return Optional.empty();
      }
      Sources.Fetched fetched = sources.fetch(listed.cluster(), listed.root(), ks, trigger.fetchSources());
      if (fetched.git() == null) {
        return Optional.empty();
      }
      Revision revision = fetched.snapshot().revision();
      KustomizationRecord rec = listed; // as listed for the wave: the write is conditional on its version
      if (rec.status() == null || !movable(rec, revision)) {
        return Optional.empty();
      }
      AppliedState last = rec.applied();
      if (!last.specDigest().equals(specDigest(rec, fetched.ignore()))) {
        return Optional.empty();
      }
      Optional<Set<String>> changed = ctx.fetcher().changedPaths(fetched.git(), last.commit(), revision.commit());
      if (changed.isEmpty() || BuildReads.touchedBy(last.reads(), changed.get())) {
        return Optional.empty();
      }
      return Optional.ofNullable(write(rec, revision, last));
    } catch (RuntimeException | Error reconciledInFull) {
      return Optional.empty(); // the full reconcile reports whatever this tripped on
    }
  }

  /** Ready at the commit its reads were recorded at, with the inventory its last apply left. */
  private static boolean movable(KustomizationRecord rec, Revision revision) {
    KustomizationStatus s = rec.status();
    String applied = s.getLastAppliedRevision();
    return s.isReady()
        && applied != null
        && !revision.toString().equals(s.getLastAttemptedRevision())
        && applied.equals(s.getLastAttemptedRevision())
        && Revision.parse(applied).commit().equals(rec.applied().commit())
        && ChangeDetection.inventoryDigest(s.getInventory()).equals(rec.applied().inventoryDigest());
  }

  private ReconcileOutcome write(KustomizationRecord rec, Revision revision, AppliedState last) {
    Instant now = ctx.clock().instant();
    KustomizationEvents.Before before = KustomizationEvents.Before.of(rec);
    KustomizationStatus status = StatusJson.copy(rec.status()); // the listing is shared by the wave's items
    String rev = revision.toString();
    status.setLastAttemptedRevision(rev);
    StatusUpdates.succeeded(status, rev, now);
    lastSucceededDigest(status).ifPresent(d -> StatusUpdates.recordHistory(status, d, rev, true, now, now));
    try {
      ctx.times().run("status", () -> ctx.store().putStatus(rec.cluster(), rec.key(), status, rec.version(),
          last.at(revision.commit(), last.specDigest(), last.reads())));
    } catch (ConcurrentUpdateException e) {
      return null; // another run wrote it meanwhile: reconcile in full
    }
    ReconcileOutcome outcome = new ReconcileOutcome(rec.cluster(), rec.key(), rev, true, Reason.RECONCILIATION_SUCCEEDED,
        status.condition(Condition.READY).map(Condition::message).orElse(""), null);
    // the finished event, with commit_status: the pushed commit shows it reached this Kustomization too
    KustomizationReconciler.Result result = new KustomizationReconciler.Result(outcome, Optional.empty(), true, true);
    if (held == null) {
      new KustomizationEvents(ctx).finished(rec, before, result, now);
    } else {
      held.addAll(new KustomizationEvents(ctx).finishedEvents(rec, before, result, now));
    }
    return outcome;
  }

  private static Optional<String> lastSucceededDigest(KustomizationStatus s) {
    return s.getHistory().stream()
        .filter(h -> "ReconciliationSucceeded".equals(h.lastReconciledStatus()))
        .map(HistoryEntry::digest)
        .findFirst();
  }

  private static boolean readsCluster(Kustomization ks) {
    Kustomization.PostBuild post = ks.spec().postBuild();
    return post != null && post.substituteFrom() != null && !post.substituteFrom().isEmpty();
  }
}
