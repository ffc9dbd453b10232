package io.driftless.apply;

import io.driftless.model.ObjectId;
import java.util.Objects;

/** One object in a change set: its identity, the API version it was applied with, and the action. */
public record ChangeSetEntry(ObjectId id, String version, Action action) {

  public ChangeSetEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    version = version == null ? "" : version;
  }

  /** False for unchanged and skipped objects: nothing happened to them. */
  public boolean changed() {
    return action != Action.UNCHANGED && action != Action.SKIPPED;
  }

  /** {@code Kind/ns/name created}: Flux's log and event line. */
  public String line() {
    return id.subject() + " " + action.label();
  }
}
