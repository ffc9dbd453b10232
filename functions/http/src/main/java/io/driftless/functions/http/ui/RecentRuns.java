package io.driftless.functions.http.ui;

import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmRelease;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.pipeline.ReconcileReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last run of each item that this UI started, by graph node id ({@code cluster:Kind/ns/name}). */
final class RecentRuns {
  private final Map<String, LastRun> runs = new ConcurrentHashMap<>();
  private final Clock clock;

  RecentRuns(Clock clock) {
    this.clock = clock;
  }

  /** Keeps each outcome of {@code report} as its item's last run, and returns them. */
  List<LastRun> record(ReconcileReport report) {
    String at = clock.instant().toString();
    List<LastRun> recorded = new ArrayList<>();
    for (ReconcileOutcome o : report.outcomes()) {
      LastRun run = LastRun.of(o, itemId(o.kustomization()), at);
      runs.put(FleetGraph.nodeId(o.cluster(), run.item()), run);
      recorded.add(run);
    }
    return recorded;
  }

  Optional<LastRun> last(String cluster, String itemId) {
    return Optional.ofNullable(runs.get(FleetGraph.nodeId(cluster, itemId)));
  }

  /** An outcome names a Kustomization {@code ns/name} and a HelmRelease {@code HelmRelease/ns/name}. */
  private static String itemId(String outcomeKey) {
    return outcomeKey.startsWith(HelmRelease.KIND + "/") ? outcomeKey : ObjectId.subject(Kustomization.KIND, outcomeKey);
  }
}
