package io.driftless.metrics;

import io.driftless.model.Condition;
import io.driftless.record.ReconcileDurations;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flux's series for a set of {@link FluxResource}s, as the Prometheus client's snapshots:
 * {@code gotk_reconcile_condition} and {@code gotk_suspend_status} as Flux's controllers recorded
 * them (labels kind, name, namespace), {@code gotk_resource_info} as kube-state-metrics gives it in
 * Flux's monitoring setup (customresource_kind, exported_namespace, name, ready, suspended, …) and the
 * {@code gotk_reconcile_duration_seconds} histogram with Flux's buckets. Every series also carries
 * {@code cluster}, since one Driftless serves many.
 */
final class FluxMetricSnapshots {
  /** The statuses Flux's condition gauge has one series for each (Deleted is 1 only as an object goes). */
  static final List<String> STATUSES = List.of(Condition.TRUE, Condition.FALSE, Condition.UNKNOWN, "Deleted");

  private FluxMetricSnapshots() {}

  static MetricSnapshots of(List<FluxResource> resources) {
    Map<Labels, GaugeDataPointSnapshot> conditions = new LinkedHashMap<>();
    Map<Labels, GaugeDataPointSnapshot> suspended = new LinkedHashMap<>();
    Map<Labels, InfoDataPointSnapshot> info = new LinkedHashMap<>();
    Map<Labels, HistogramDataPointSnapshot> durations = new LinkedHashMap<>();
    for (FluxResource r : resources) {
      Labels object = Labels.of("cluster", r.cluster(), "kind", r.kind(), "namespace", r.namespace(), "name", r.name());
      if (r.ready() != null) {
        for (String status : STATUSES) {
          Labels labels = object.add("type", Condition.READY).add("status", status);
          conditions.putIfAbsent(labels, gauge(labels, status.equals(r.ready()) ? 1 : 0));
        }
      }
      suspended.putIfAbsent(object, gauge(object, r.suspended() ? 1 : 0));
      Labels infoLabels = infoLabels(r);
      info.putIfAbsent(infoLabels, InfoDataPointSnapshot.builder().labels(infoLabels).build());
      if (r.durations() != null && r.durations().count() > 0) {
        durations.putIfAbsent(object, histogram(object, r.durations()));
      }
    }
    return MetricSnapshots.of(
        new GaugeSnapshot(new MetricMetadata("gotk_reconcile_condition",
            "The current condition status of a Flux object reconciled by Driftless (1 for its status, 0 for the others)."),
            conditions.values()),
        new GaugeSnapshot(new MetricMetadata("gotk_suspend_status",
            "1 while a Flux object is suspended (spec.suspend or driftless suspend), else 0."), suspended.values()),
        new InfoSnapshot(new MetricMetadata("gotk_resource",
            "Flux objects Driftless reconciles, with the labels of Flux's kube-state-metrics configuration."), info.values()),
        new HistogramSnapshot(new MetricMetadata("gotk_reconcile_duration_seconds",
            "How long the reconciles of a Flux object took."), durations.values()));
  }

  private static Labels infoLabels(FluxResource r) {
    Labels labels = Labels.of(
        "cluster", r.cluster(),
        "customresource_group", r.group(),
        "customresource_kind", r.kind(),
        "customresource_version", r.version(),
        "exported_namespace", r.namespace(),
        "name", r.name(),
        "ready", r.ready() == null ? Condition.UNKNOWN : r.ready(),
        "suspended", Boolean.toString(r.suspended()));
    for (Map.Entry<String, String> extra : r.info().entrySet()) {
      labels = labels.add(extra.getKey(), extra.getValue());
    }
    return labels;
  }

  private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private static HistogramDataPointSnapshot histogram(Labels labels, ReconcileDurations d) {
    double[] bounds = new double[ReconcileDurations.BOUNDS.size() + 1];
    for (int i = 0; i < ReconcileDurations.BOUNDS.size(); i++) {
      bounds[i] = ReconcileDurations.BOUNDS.get(i);
    }
    bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
    long[] counts = d.bucketCounts().stream().mapToLong(Long::longValue).toArray();
    return HistogramDataPointSnapshot.builder()
        .labels(labels)
        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
        .sum(d.sumSeconds())
        .build();
  }
}
