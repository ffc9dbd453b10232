package io.driftless.pipeline;

import io.driftless.apply.ChangeSetEntry;
import io.driftless.event.Event;
import io.driftless.model.Durations;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Reason;
import io.driftless.record.KustomizationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kustomization's events, with kustomize-controller's reasons, messages and metadata:
 * <ul>
 *   <li>TRACE {@code Progressing} when a reconcile starts on a revision not attempted before (it
 *       drives commit status {@code pending}; alerting never sees trace events);
 *   <li>INFO {@code ReconciliationSucceeded} with the change set (one {@code Kind/ns/name action}
 *       line per object that changed) when something changed;
 *   <li>INFO {@code ReconciliationSucceeded} "Reconciliation finished in …, next run in …" with
 *       {@code kustomize.toolkit.fluxcd.io/commit_status: update} when the run changed something,
 *       applied a new revision or recovered from a failure. Flux sends this one to commit-status and
 *       generic providers only, the change set to the others; nothing when nothing changed;
 *   <li>ERROR with the failing stage's reason (BuildFailed, HealthCheckFailed…) and its one-line
 *       message; INFO {@code DependencyNotReady} while a dependency is not ready, as Flux.
 * </ul>
 * Every event carries {@code kustomize.toolkit.fluxcd.io/revision} when the revision is known.
 */
final class KustomizationEvents {
  static final String API_VERSION = "kustomize.toolkit.fluxcd.io/v1";
  static final String KIND = "Kustomization";
  static final String CONTROLLER = "kustomize-controller";
  static final String REVISION_KEY = "kustomize.toolkit.fluxcd.io/revision";
  static final String COMMIT_STATUS_KEY = "kustomize.toolkit.fluxcd.io/commit_status";
  private final ReconcileContext ctx;

  KustomizationEvents(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  /** What the record said before the run, to tell a new revision or a recovery from a repeat. */
  record Before(String lastApplied, boolean ready) {
    static Before of(KustomizationRecord rec) {
      KustomizationStatus s = rec.status();
      return s == null ? new Before(null, false) : new Before(s.getLastAppliedRevision(), s.isReady());
    }
  }

  /** The TRACE Progressing event, when {@code revision} is not {@code lastAttempted}, the one the record last attempted. */
  void starting(KustomizationRecord rec, String lastAttempted, String revision) {
    if (!revision.equals(lastAttempted)) {
      emit(rec, Event.Severity.TRACE, Reason.PROGRESSING.flux(), "Building manifests for revision " + revision,
          meta(revision));
    }
  }

  /** The events of a finished run ({@code result.ran()}), started at {@code started}. */
  void finished(KustomizationRecord rec, Before before, KustomizationReconciler.Result result, Instant started) {
    ctx.events().emitAll(finishedEvents(rec, before, result, started)); // the change set and "finished" in one write
  }

  /** The events {@link #finished} sends. */
  List<Event> finishedEvents(KustomizationRecord rec, Before before, KustomizationReconciler.Result result, Instant started) {
    if (!result.ran()) {
      return List.of();
    }
    ReconcileOutcome o = result.outcome();
    if (!o.ready()) {
      Event.Severity severity = o.reason() == Reason.DEPENDENCY_NOT_READY ? Event.Severity.INFO : Event.Severity.ERROR;
      return List.of(event(rec, severity, o.reason().flux(), o.message(), meta(o.revision())));
    }
    boolean changed = o.changes().hasChanges();
    List<Event> events = new ArrayList<>();
    if (changed) {
      String lines = o.changes().changed().stream().map(ChangeSetEntry::line).collect(Collectors.joining("\n"));
      events.add(event(rec, Event.Severity.INFO, o.reason().flux(), lines, meta(o.revision())));
    }
    if (changed || !o.revision().equals(before.lastApplied()) || !before.ready()) {
      Map<String, String> meta = meta(o.revision());
      meta.put(COMMIT_STATUS_KEY, "update");
      String took = Durations.format(Duration.between(started, ctx.clock().instant()));
      events.add(event(rec, Event.Severity.INFO, o.reason().flux(),
          "Reconciliation finished in " + took + ", next run in " + interval(rec), meta));
    }
    return events;
  }

  private static Map<String, String> meta(String revision) {
    Map<String, String> meta = new HashMap<>();
    if (revision != null && !revision.isEmpty()) {
      meta.put(REVISION_KEY, revision);
    }
    return meta;
  }

  private static String interval(KustomizationRecord rec) {
    try {
      return Durations.format(Durations.parseOr(WorkItems.parse(rec).spec().interval(), Duration.ofMinutes(10)));
    } catch (RuntimeException unreadable) {
      return "10m0s";
    }
  }

  private void emit(KustomizationRecord rec, Event.Severity severity, String reason, String message,
      Map<String, String> meta) {
    ctx.events().emit(event(rec, severity, reason, message, meta));
  }

  private Event event(KustomizationRecord rec, Event.Severity severity, String reason, String message,
      Map<String, String> meta) {
    String ns = rec.key().substring(0, rec.key().indexOf('/'));
    String name = rec.key().substring(rec.key().indexOf('/') + 1);
    return ObjectEvents.event(ctx, rec.cluster(), new Event.InvolvedObject(API_VERSION, KIND, ns, name), rec.manifest(),
        severity, reason, message, meta, CONTROLLER);
  }
}
