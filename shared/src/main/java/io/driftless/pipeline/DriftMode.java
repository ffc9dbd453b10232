package io.driftless.pipeline;

import io.driftless.apply.ChangeSet;
import io.driftless.model.Condition;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Reason;
import io.driftless.model.Yaml;
import io.driftless.record.KustomizationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Detect-only drift mode: a Kustomization annotated {@code driftless.io/drift: detect} is compared with
 * the cluster and never written to (no apply, no prune). What differs from Git goes into a {@code Drifted}
 * condition, one {@code Kind/namespace/name: field, field} per object, and each object the last apply
 * recorded that Git no longer has ({@code would be pruned}, with {@code prune: true}); Ready stays True,
 * so dependents still run.
 */
final class DriftMode {
  static final String ANNOTATION = "driftless.io/drift";
  static final String DETECT = "detect";
  static final String DRIFTED = "Drifted";
  /** At most this many objects are named in the condition; the rest are counted. */
  static final int LISTED = 50;

  private DriftMode() {}

  /** True when the stored Kustomization carries {@code driftless.io/drift: detect}. */
  static boolean detectOnly(KustomizationRecord rec) {
    var docs = Yaml.readDocuments(rec.key(), rec.manifest());
    return docs.size() == 1 && DETECT.equalsIgnoreCase(new KubeObject(docs.get(0), rec.key()).annotations().get(ANNOTATION));
  }

  /** Records a detect-only run: Drifted True (naming each drifted object and field) or False, and Ready. */
  static void record(KustomizationStatus status, ChangeSet detected, List<InventoryEntry> wouldPrune, String revision,
      Instant now) {
    List<String> drifted = new ArrayList<>();
    detected.drifted().forEach(e -> drifted.add(e.id().subject() + ": " + String.join(", ", e.drift())));
    wouldPrune.forEach(e -> drifted.add(e.objectId().subject() + ": would be pruned (no longer in Git)"));
    if (drifted.isEmpty()) {
      StatusUpdates.succeeded(status, revision, now);
      status.setCondition(DRIFTED, Condition.FALSE, Reason.NO_DRIFT.flux(), "No drift from revision " + revision, now.toString());
      return;
    }
    String summary = drifted.size() + " object(s) drifted from revision " + revision + ", not corrected (" + ANNOTATION
        + ": " + DETECT + ")";
    status.setCondition(Condition.READY, Condition.TRUE, Reason.DRIFT_DETECTED.flux(), summary, now.toString());
    status.removeCondition(Condition.RECONCILING);
    status.removeCondition(Condition.STALLED);
    String listed = drifted.stream().limit(LISTED).collect(Collectors.joining("; "));
    String more = drifted.size() > LISTED ? "; and " + (drifted.size() - LISTED) + " more" : "";
    status.setCondition(DRIFTED, Condition.TRUE, Reason.DRIFT_DETECTED.flux(), listed + more, now.toString());
  }

  /** A Kustomization that corrects drift carries no Drifted condition. */
  static void clear(KustomizationStatus status) {
    status.removeCondition(DRIFTED);
  }
}
