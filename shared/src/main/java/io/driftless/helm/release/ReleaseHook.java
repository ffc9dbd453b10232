package io.driftless.helm.release;

import java.util.List;
import java.util.Objects;

/**
 * One hook of a release as Helm stores it ({@code helm.sh/helm/v3/pkg/release/hook.go}): the object's
 * name and kind, the template path ({@code chart/templates/x.yaml}), the rendered manifest, the events
 * it fires on ({@code pre-install}, {@code post-upgrade}, {@code test}…), its weight, delete and
 * output-log policies, and the last run.
 */
public record ReleaseHook(
    String name,
    String kind,
    String path,
    String manifest,
    List<String> events,
    int weight,
    List<String> deletePolicies,
    List<String> outputLogPolicies,
    HookRun lastRun) {

  public ReleaseHook {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    events = List.copyOf(events);
    deletePolicies = List.copyOf(deletePolicies);
    outputLogPolicies = outputLogPolicies == null ? List.of() : List.copyOf(outputLogPolicies);
    lastRun = lastRun == null ? HookRun.NEVER : lastRun;
  }

  /**
   * The same hook as Helm records it once it has run: a hook without delete policies gets Helm's
   * default {@code before-hook-creation} (Helm 3 {@code execHook}); hooks that never ran (tests
   * before {@code helm test}) keep none.
   */
  public ReleaseHook withDefaultDeletePolicy() {
    if (!deletePolicies.isEmpty()) {
      return this;
    }
    return new ReleaseHook(name, kind, path, manifest, events, weight, List.of("before-hook-creation"),
        outputLogPolicies, lastRun);
  }

  /** The same hook with its last run replaced. */
  public ReleaseHook withLastRun(HookRun run) {
    return new ReleaseHook(name, kind, path, manifest, events, weight, deletePolicies, outputLogPolicies, run);
  }
}
