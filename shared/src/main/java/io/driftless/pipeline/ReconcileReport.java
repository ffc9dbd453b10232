package io.driftless.pipeline;

import java.util.List;

/** The outcomes of one reconcile run, in the order they ran. */
public record ReconcileReport(List<ReconcileOutcome> outcomes) {
  public boolean allReady() {
    return outcomes.stream().allMatch(ReconcileOutcome::ready);
  }
}
