package io.driftless.metrics;

import io.driftless.model.Condition;
import io.driftless.model.FluxStatus;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.record.ReconcileDurations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Flux object as the metrics show it, read from its work item: where it is ({@code cluster},
 * kind, namespace, name), its Ready status (null before its first reconcile), whether it is suspended,
 * the extra {@code gotk_resource_info} labels kube-state-metrics gives it in Flux's monitoring setup
 * (revision, source_name, url, chart_name…), and its reconcile durations.
 */
record FluxResource(
    String cluster,
    String group,
    String version,
    String kind,
    String namespace,
    String name,
    String ready,
    boolean suspended,
    Map<String, String> info,
    ReconcileDurations durations,
    Map<String, Object> manifest) {

  /**
   * The object whose stored {@code manifest} is recorded under {@code key} ({@code namespace/name}
   * last); a manifest that cannot be read still gives its kind, namespace and name.
   */
  static FluxResource of(String cluster, String key, String kind, String manifest, FluxStatus status,
      boolean suspendedInTable, ReconcileDurations durations) {
    Map<String, Object> object = read(key, manifest);
    KubeObject o = new KubeObject(object, key);
    String[] parts = key.substring(key.lastIndexOf('#') + 1).split("/");
    String namespace = parts.length >= 2 ? parts[parts.length - 2] : "";
    String ready = status == null ? null : status.condition(Condition.READY).map(Condition::status).orElse(null);
    boolean suspended = suspendedInTable || Boolean.TRUE.equals(KubeObject.valueAt(object, "spec", "suspend"));
    return new FluxResource(cluster, text(object, o::group), text(object, o::version), kind, namespace,
        parts[parts.length - 1], ready, suspended, new LinkedHashMap<>(), durations, object);
  }

  /** This resource with Ready status {@code status} (null: not known), for objects without a recorded status. */
  FluxResource withReady(String status) {
    return new FluxResource(cluster, group, version, kind, namespace, name, status, suspended, info, durations, manifest);
  }

  /** Adds a {@code gotk_resource_info} label with {@code value}, unless it is null or empty. */
  FluxResource with(String label, Object value) {
    if (value != null && !value.toString().isEmpty()) {
      info.put(label, value.toString());
    }
    return this;
  }

  /** Adds a {@code gotk_resource_info} label with the manifest's value at {@code path}, when it has one. */
  FluxResource withField(String label, String... path) {
    return with(label, KubeObject.valueAt(manifest, path));
  }

  private static String text(Map<String, Object> object, java.util.function.Supplier<String> field) {
    try {
      return object.isEmpty() || field.get() == null ? "" : field.get();
    } catch (RuntimeException unreadable) {
      return "";
    }
  }

  private static Map<String, Object> read(String key, String manifest) {
    try {
      List<Map<String, Object>> docs = Yaml.readDocuments(key, manifest == null ? "" : manifest);
      return docs.size() == 1 ? docs.get(0) : Map.of();
    } catch (RuntimeException unreadable) {
      return Map.of();
    }
  }
}
