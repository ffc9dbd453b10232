package io.driftless.apply;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.driftless.model.ObjectId;
import java.util.List;
import java.util.Objects;

/**
 * One object in a change set: its identity, the API version it was applied with, the action, and for
 * a drifted object the field paths that differ from Git ({@code .data.mode}).
 */
public record ChangeSetEntry(ObjectId id, String version, Action action,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> drift) {

  public ChangeSetEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    version = version == null ? "" : version;
    drift = drift == null ? List.of() : List.copyOf(drift);
  }

  public ChangeSetEntry(ObjectId id, String version, Action action) {
    this(id, version, action, List.of());
  }

  /** False for unchanged, skipped and drifted objects: nothing happened to them. */
  public boolean changed() {
    return action != Action.UNCHANGED && action != Action.SKIPPED && action != Action.DRIFTED;
  }

  /** {@code Kind/ns/name created}: Flux's log and event line; a drifted one lists its fields. */
  public String line() {
    return id.subject() + " " + action.label() + (drift.isEmpty() ? "" : " (" + String.join(", ", drift) + ")");
  }
}
