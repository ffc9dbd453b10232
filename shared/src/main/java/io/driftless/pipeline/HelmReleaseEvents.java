package io.driftless.pipeline;

import io.driftless.event.Event;
import io.driftless.model.Condition;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A HelmRelease's events, as helm-controller records them, read from what the reconcile did to the
 * status: each of Released, TestSuccess and Remediated that changed gives one event with its reason
 * (InstallSucceeded, UpgradeFailed, TestSucceeded, RollbackSucceeded, UninstallSucceeded…) and message;
 * a failed Ready gives one on every failed run (ArtifactFailed, ValuesError, RetriesExceeded…; INFO
 * DependencyNotReady); Ready's drift reasons when they change. The same reason and message is sent
 * once per run. Metadata: {@code helm.toolkit.fluxcd.io/revision} (the chart version),
 * {@code helm.toolkit.fluxcd.io/token} (the config digest) and {@code helm.toolkit.fluxcd.io/app-version}.
 * A run that changed nothing sends nothing.
 */
final class HelmReleaseEvents {
  static final String API_VERSION = "helm.toolkit.fluxcd.io/v2";
  static final String CONTROLLER = "helm-controller";
  private static final String GROUP = "helm.toolkit.fluxcd.io/";
  private static final List<String> ORDER =
      List.of(Condition.RELEASED, Condition.TEST_SUCCESS, Condition.REMEDIATED, Condition.READY);
  private final ReconcileContext ctx;

  HelmReleaseEvents(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  /** The conditions before the run, by type. */
  record Before(Map<String, Condition> conditions) {
    static Before of(HelmRecord rec) {
      Map<String, Condition> byType = new HashMap<>();
      if (rec.status() != null) {
        rec.status().getConditions().forEach(c -> byType.put(c.type(), c));
      }
      return new Before(byType);
    }
  }

  void finished(HelmRecord rec, Before before, HelmReleaseStatus after) {
    Set<String> sent = new HashSet<>();
    for (String type : ORDER) {
      Condition c = after.condition(type).orElse(null);
      if (c == null || Condition.UNKNOWN.equals(c.status())) {
        continue;
      }
      Condition was = before.conditions().get(type);
      boolean changed = was == null || !Objects.equals(was.reason(), c.reason()) || !Objects.equals(was.message(), c.message());
      boolean failed = Condition.READY.equals(type) && !c.isTrue();
      if ((changed || failed) && sent.add(c.reason() + "\n" + c.message())) {
        emit(rec, severity(c), c.reason(), c.message(), meta(after));
      }
    }
  }

  /** A HelmRelease that left Git was uninstalled by its parent's prune ({@code ok}), or could not be. */
  void uninstalled(HelmRecord rec, boolean ok, String message) {
    Map<String, String> meta = rec.status() == null ? Map.of() : meta(rec.status());
    emit(rec, ok ? Event.Severity.INFO : Event.Severity.ERROR,
        (ok ? Reason.UNINSTALL_SUCCEEDED : Reason.UNINSTALL_FAILED).flux(), message, meta);
  }

  private static Event.Severity severity(Condition c) {
    if (Reason.DEPENDENCY_NOT_READY.flux().equals(c.reason())) {
      return Event.Severity.INFO;
    }
    if (Reason.DRIFT_DETECTED.flux().equals(c.reason())) {
      return Event.Severity.ERROR;
    }
    return c.isTrue() ? Event.Severity.INFO : Event.Severity.ERROR;
  }

  private static Map<String, String> meta(HelmReleaseStatus s) {
    Map<String, String> meta = new HashMap<>();
    putIfSet(meta, GROUP + "revision", s.getLastAttemptedRevision());
    putIfSet(meta, GROUP + "token", s.getLastAttemptedConfigDigest());
    s.latest().ifPresent(r -> putIfSet(meta, GROUP + "app-version", r.appVersion()));
    return meta;
  }

  private static void putIfSet(Map<String, String> meta, String key, String value) {
    if (value != null && !value.isEmpty()) {
      meta.put(key, value);
    }
  }

  private void emit(HelmRecord rec, Event.Severity severity, String reason, String message, Map<String, String> meta) {
    String[] parts = rec.key().split("/", 3);
    ObjectEvents.emit(ctx, rec.cluster(), new Event.InvolvedObject(API_VERSION, parts[0], parts[1], parts[2]),
        rec.manifest(), severity, reason, message, meta, CONTROLLER);
  }
}
