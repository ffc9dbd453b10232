package io.driftless.helm.render;

import java.util.List;

/**
 * A hook template's output as Helm sorts it out: the object's kind and name, the template path, the
 * manifest, the events ({@code pre-install}, {@code post-upgrade}, {@code test}…), the weight
 * ({@code helm.sh/hook-weight}, 0 when absent or not a number), the delete policies
 * ({@code helm.sh/hook-delete-policy}) and output-log policies ({@code helm.sh/hook-output-log-policy}).
 */
public record RenderedHook(
    String kind,
    String name,
    String path,
    String manifest,
    List<String> events,
    int weight,
    List<String> deletePolicies,
    List<String> outputLogPolicies) {
  public RenderedHook {
    events = List.copyOf(events);
    deletePolicies = List.copyOf(deletePolicies);
    outputLogPolicies = List.copyOf(outputLogPolicies);
  }
}
