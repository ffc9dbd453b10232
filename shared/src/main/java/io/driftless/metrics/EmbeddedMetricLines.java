package io.driftless.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.Condition;
import io.driftless.record.FleetRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flux's series for the objects one run reconciled, as CloudWatch embedded-metric-format log lines
 * (one JSON document a line; CloudWatch turns them into metrics in namespace {@value #NAMESPACE}):
 * per object {@code gotk_reconcile_duration_seconds} (that reconcile's seconds; CloudWatch keeps
 * the distribution) and {@code gotk_suspend_status}, with dimensions cluster, kind, namespace, name and
 * the {@code gotk_resource_info} labels as plain properties; and {@code gotk_reconcile_condition}
 * (0 or 1) with type and status as dimensions too, for True, False and Unknown (Deleted, always 0
 * here, would only add a metric to pay for).
 */
public final class EmbeddedMetricLines {
  public static final String NAMESPACE = "Driftless";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OBJECT = List.of("cluster", "kind", "namespace", "name");

  private EmbeddedMetricLines() {}

  /** An object a run reconciled: a Kustomization's {@code namespace/name}, or {@code HelmRelease/<namespace>/<name>}. */
  public record Reconciled(String cluster, String key) {}

  /** The lines for every object in {@code reconciled} (each once), read back from {@code store} as written. */
  public static List<String> of(FleetRecords store, List<Reconciled> reconciled, Instant now) {
    Set<Reconciled> seen = new LinkedHashSet<>();
    List<String> lines = new ArrayList<>();
    for (Reconciled r : reconciled) {
      if (seen.add(r)) {
        resource(store, r).ifPresent(found -> lines.addAll(lines(found, now)));
      }
    }
    return lines;
  }

  private static Optional<FluxResource> resource(FleetRecords store, Reconciled r) {
    if (r.key().startsWith("HelmRelease/")) {
      return store.getHelmObject(r.cluster(), r.key()).map(FleetMetrics::of);
    }
    return store.getKustomization(r.cluster(), r.key()).map(FleetMetrics::of);
  }

  static List<String> lines(FluxResource r, Instant now) {
    List<String> lines = new ArrayList<>();
    Map<String, Object> object = document(r, now, OBJECT,
        Map.of("gotk_reconcile_duration_seconds", "Seconds", "gotk_suspend_status", "None"));
    object.put("gotk_reconcile_duration_seconds", r.durations() == null ? 0 : r.durations().lastSeconds());
    object.put("gotk_suspend_status", r.suspended() ? 1 : 0);
    object.put("customresource_group", r.group());
    object.put("customresource_version", r.version());
    object.put("ready", r.ready() == null ? Condition.UNKNOWN : r.ready());
    object.put("suspended", Boolean.toString(r.suspended()));
    object.putAll(r.info());
    lines.add(json(object));
    if (r.ready() != null) {
      List<String> dimensions = new ArrayList<>(OBJECT);
      dimensions.addAll(List.of("type", "status"));
      for (String status : List.of(Condition.TRUE, Condition.FALSE, Condition.UNKNOWN)) {
        Map<String, Object> condition = document(r, now, dimensions, Map.of("gotk_reconcile_condition", "None"));
        condition.put("type", Condition.READY);
        condition.put("status", status);
        condition.put("gotk_reconcile_condition", status.equals(r.ready()) ? 1 : 0);
        lines.add(json(condition));
      }
    }
    return lines;
  }

  private static Map<String, Object> document(FluxResource r, Instant now, List<String> dimensions, Map<String, String> units) {
    List<Map<String, String>> metrics = new ArrayList<>();
    units.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> metrics.add(Map.of("Name", e.getKey(), "Unit", e.getValue())));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_aws", Map.of("Timestamp", now.toEpochMilli(), "CloudWatchMetrics",
        List.of(Map.of("Namespace", NAMESPACE, "Dimensions", List.of(dimensions), "Metrics", metrics))));
    doc.put("cluster", r.cluster());
    doc.put("kind", r.kind());
    doc.put("namespace", r.namespace());
    doc.put("name", r.name());
    return doc;
  }

  private static String json(Map<String, Object> doc) {
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metrics line: " + e.getMessage(), e);
    }
  }
}
