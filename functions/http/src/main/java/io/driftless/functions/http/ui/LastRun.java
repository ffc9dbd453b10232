package io.driftless.functions.http.ui;

import io.driftless.apply.ChangeSetEntry;
import io.driftless.pipeline.ReconcileOutcome;
import java.util.List;

/**
 * What the last reconcile started from this UI did to one item: its change set (Flux's lines,
 * {@code Kind/ns/name configured}) and the objects it found drifted from Git with the fields that
 * differed. The table does not record change sets, so these are the runs of this process only.
 */
public record LastRun(
    String cluster,
    String item,
    String at, boolean ready, String reason, String message, String revision, List<String> changes, List<Drift> drift) {

  /** An object that differed from Git, and the field paths that did ({@code .data.mode}). */
  public record Drift(String object, List<String> fields) {}

  /** {@code item} is the outcome's item id, {@code Kind/ns/name}. */
  static LastRun of(ReconcileOutcome outcome, String item, String at) {
    List<Drift> drift = outcome.changes().entries().stream().filter(e -> !e.drift().isEmpty())
        .map(e -> new Drift(e.id().subject(), e.drift())).toList();
    List<String> changes = outcome.changes().entries().stream().map(ChangeSetEntry::line).toList();
    return new LastRun(outcome.cluster(), item, at, outcome.ready(), outcome.reason() == null ? null : outcome.reason().toString(),
        outcome.message(), outcome.revision(), changes, drift);
  }
}
