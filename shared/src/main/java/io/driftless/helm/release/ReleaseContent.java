package io.driftless.helm.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a new revision records: the release name and namespace, the chart as Helm stores it
 * ({@code metadata}, {@code lock}, {@code templates}, {@code values}, {@code schema}, {@code files};
 * the renderer builds it), the user-supplied values ({@code config}), the rendered manifest, the hooks
 * and the rendered NOTES.txt.
 */
public record ReleaseContent(
    String name,
    String namespace,
    ObjectNode chart,
    Map<String, Object> config,
    String manifest,
    List<ReleaseHook> hooks,
    String notes) {

  public ReleaseContent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(chart, "chart");
    config = config == null ? Map.of() : config;
    manifest = manifest == null ? "" : manifest;
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
    notes = notes == null ? "" : notes;
  }
}
