package io.driftless.functions.http.ui;

import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmRelease;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ManualReconcile;
import io.driftless.pipeline.ReconcileReport;
import io.driftless.record.HelmRecord;
import java.util.List;

/**
 * The UI's writes, through the paths the CLI uses: reconcile is {@code driftless reconcile ks|hr
 * --with-source}, suspend and resume are {@code driftless suspend|resume ks|hr} (recorded in the
 * table; a resume reconciles at once, as flux's does). The runs' outcomes are kept in {@link RecentRuns} for the item's detail.
 */
final class UiActions {
  /** A write the UI cannot make; {@code status} is the HTTP status to answer with. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** What a write did: one line for the user, and the last run of each item it ran. */
  record Result(String message, List<LastRun> runs) {}

  private final Engine engine;
  private final RecentRuns recent;

  UiActions(Engine engine, RecentRuns recent) {
    this.engine = engine;
    this.recent = recent;
  }

  Result perform(String action, String cluster, String kind, String namespace, String name) {
    String id = ObjectId.subject(kind, namespace, name);
    return switch (action) {
      case "reconcile" -> reconcile(cluster, kind, namespace, name, id);
      case "suspend", "resume" -> suspend(action.equals("suspend"), cluster, kind, namespace, name, id);
      default -> throw new Refused(404, "unknown action '" + action + "': want reconcile, suspend or resume");
    };
  }

  private Result reconcile(String cluster, String kind, String namespace, String name, String id) {
    ReconcileReport report = switch (kind) {
      case Kustomization.KIND -> engine.reconcile(new ManualReconcile(namespace + "/" + name, cluster, true));
      case HelmRelease.KIND -> engine.reconcileHelmRelease(HelmRecord.keyOf(kind, namespace, name), cluster, true);
      default -> throw unknownKind(kind);
    };
    List<LastRun> runs = recent.record(report);
    String message = runs.stream().filter(r -> r.item().equals(id) && (cluster == null || r.cluster().equals(cluster)))
        .findFirst()
        .map(r -> id + " on " + r.cluster() + " reconciled: " + (r.ready() ? "Ready, revision " + r.revision()
            : "not Ready: " + r.reason() + ": " + r.message()))
        .orElse(id + " on " + cluster + " did not run: it is suspended");
    return new Result(message, runs);
  }

  private Result suspend(boolean suspend, String cluster, String kind, String namespace, String name, String id) {
    switch (kind) {
      case Kustomization.KIND -> engine.suspendKustomization(namespace + "/" + name, cluster, suspend);
      case HelmRelease.KIND -> engine.suspendHelmRelease(id, cluster, suspend);
      default -> throw unknownKind(kind);
    }
    if (suspend) {
      return new Result(id + " on " + cluster + " suspended", List.of());
    }
    Result run = reconcile(cluster, kind, namespace, name, id);
    return new Result(id + " on " + cluster + " resumed; " + run.message(), run.runs());
  }

  private static Refused unknownKind(String kind) {
    return new Refused(404, "unknown kind '" + kind + "': want Kustomization or HelmRelease");
  }
}
