package io.driftless.pipeline;

import io.driftless.event.Event;
import io.driftless.record.HelmRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import java.util.Map;

/**
 * Sources' events, as source-controller records them: INFO {@code NewArtifact} when a fetch stores a
 * revision the source had not stored before, ERROR when a fetch fails ({@code GitOperationFailed}
 * for a GitRepository), with {@code source.toolkit.fluxcd.io/revision}. A GitRepository belongs to
 * a root, so its events carry the root's cluster.
 */
final class SourceEvents {
  static final String API_VERSION = "source.toolkit.fluxcd.io/v1";
  static final String CONTROLLER = "source-controller";
  static final String REVISION_KEY = "source.toolkit.fluxcd.io/revision";
  static final String GIT_OPERATION_FAILED = "GitOperationFailed";

  private SourceEvents() {}

  static void gitFetched(ReconcileContext ctx, SourceRecord source, String key, String revision) {
    emit(ctx, cluster(ctx, source), "GitRepository", key, source.manifest(), Event.Severity.INFO, "NewArtifact",
        "stored artifact for revision '" + revision + "'", Map.of(REVISION_KEY, revision));
  }

  static void gitFailed(ReconcileContext ctx, SourceRecord source, String key, String message) {
    emit(ctx, cluster(ctx, source), "GitRepository", key, source.manifest(), Event.Severity.ERROR,
        GIT_OPERATION_FAILED, message, Map.of());
  }

  /** A HelmRepository or OCIRepository work item stored {@code revision}; {@code message} as its Ready says. */
  static void helmFetched(ReconcileContext ctx, HelmRecord source, String revision, String message) {
    String[] parts = source.key().split("/", 2);
    emit(ctx, source.cluster(), parts[0], parts[1], source.manifest(), Event.Severity.INFO, "NewArtifact", message,
        revision.isEmpty() ? Map.of() : Map.of(REVISION_KEY, revision));
  }

  /** A Helm source's own fetch failed: ERROR with source-controller's {@code reason}. */
  static void helmFailed(ReconcileContext ctx, HelmRecord source, String reason, String message) {
    String[] parts = source.key().split("/", 2);
    emit(ctx, source.cluster(), parts[0], parts[1], source.manifest(), Event.Severity.ERROR, reason, message, Map.of());
  }

  private static String cluster(ReconcileContext ctx, SourceRecord source) {
    return ctx.store().getRoot(source.root()).map(RootRecord::cluster).orElse("");
  }

  private static void emit(ReconcileContext ctx, String cluster, String kind, String key, String manifest,
      Event.Severity severity, String reason, String message, Map<String, String> meta) {
    int slash = key.indexOf('/');
    ObjectEvents.emit(ctx, cluster, new Event.InvolvedObject(API_VERSION, kind, key.substring(0, slash),
        key.substring(slash + 1)), manifest, severity, reason, message, meta, CONTROLLER);
  }
}
