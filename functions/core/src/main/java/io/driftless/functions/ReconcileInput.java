package io.driftless.functions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.driftless.pipeline.ManualReconcile;
import java.util.List;
import java.util.Map;

/**
 * What the {@code reconcile} function takes: either a manual request
 * ({@code {"kustomization": "flux-system/apps", "cluster": "prod", "withSource": true}}, every field
 * optional; no kustomization means all) or a DynamoDB Streams event ({@code {"Records": [...]}}) from
 * the table's stream, which means "run the queued requests".
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconcileInput(
    String kustomization,
    String cluster,
    boolean withSource,
    @JsonProperty("Records") List<Map<String, Object>> records) {

  /** True for a DynamoDB Streams event. */
  public boolean isStreamEvent() {
    return records != null;
  }

  public ManualReconcile command() {
    return new ManualReconcile(blankToNull(kustomization), blankToNull(cluster), withSource);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
