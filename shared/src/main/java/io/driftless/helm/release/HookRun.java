package io.driftless.helm.release;

import java.time.Instant;

/**
 * When a hook last ran and how it ended ({@code Unknown}, {@code Running}, {@code Succeeded},
 * {@code Failed}); {@link #NEVER} for a hook that has not run (Helm stores empty strings then).
 */
public record HookRun(Instant startedAt, Instant completedAt, String phase) {
  public static final HookRun NEVER = new HookRun(null, null, "");

  public HookRun {
    phase = phase == null ? "" : phase;
  }
}
