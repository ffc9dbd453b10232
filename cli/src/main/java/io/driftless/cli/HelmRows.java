package io.driftless.cli;

import io.driftless.model.Condition;
import io.driftless.model.KubeObject;
import io.driftless.model.Reason;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.HelmRecord;
import io.driftless.view.FluxObjectDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The table's Helm work items as {@code flux get} rows: HelmReleases, their sources, and the
 * HelmCharts helm-controller would generate from each {@code spec.chart} (named {@code
 * <namespace>-<name>}, in the source's namespace), whose state is the release's chart fetch.
 */
final class HelmRows {
  private HelmRows() {}

  static List<StatusTable.Row> releases(List<HelmRecord> records, Scope scope) {
    List<StatusTable.Row> rows = new ArrayList<>();
    for (HelmRecord r : records) {
      if (parse(r).orElse(null) instanceof HelmRelease hr && scope.includes(r.cluster(), hr.namespace())) {
        HelmReleaseStatus s = status(r);
        String revision = s.latest().map(HelmReleaseStatus.ReleaseSnapshot::chartVersion)
            .orElse(s.getLastAttemptedRevision());
        rows.add(new StatusTable.Row(r.cluster(), hr.namespace(), hr.name(), revision,
            hr.spec().suspended() || r.suspended(), s.condition(Condition.READY), HelmRelease.KIND,
            FluxObjectDocuments.of(r)));
      }
    }
    return rows;
  }

  /** HelmRepositories ({@code kind} HelmRepository) or OCIRepositories, with the status their last fetch recorded. */
  static List<StatusTable.Row> sources(List<HelmRecord> records, String kind, Scope scope) {
    List<StatusTable.Row> rows = new ArrayList<>();
    for (HelmRecord r : records) {
      Optional<HelmObject> o = parse(r).filter(h -> h.kind().equals(kind));
      if (o.isPresent() && scope.includes(r.cluster(), o.get().namespace())) {
        HelmReleaseStatus s = status(r);
        rows.add(new StatusTable.Row(r.cluster(), o.get().namespace(), o.get().name(), s.getLastAttemptedRevision(),
            suspended(o.get()) || r.suspended(), s.condition(Condition.READY), kind, FluxObjectDocuments.of(r)));
      }
    }
    return rows;
  }

  /** HelmCharts from Git, and the one each HelmRelease with {@code spec.chart} stands for. */
  static List<StatusTable.Row> charts(List<HelmRecord> records, Scope scope) {
    List<StatusTable.Row> rows = new ArrayList<>(sources(records, HelmChart.KIND, scope));
    for (HelmRecord r : records) {
      if (parse(r).orElse(null) instanceof HelmRelease hr && hr.spec().chart() != null
          && hr.spec().chart().spec() != null && hr.spec().chart().spec().sourceRef() != null) {
        HelmRelease.ChartTemplateSpec chart = hr.spec().chart().spec();
        String namespace = chart.sourceRef().namespaceOr(hr.namespace());
        if (scope.includes(r.cluster(), namespace)) {
          HelmReleaseStatus s = status(r);
          Optional<Condition> ready = chartReady(chart.chart(), s);
          rows.add(new StatusTable.Row(r.cluster(), namespace, hr.helmChartName(), s.getLastAttemptedRevision(),
              hr.spec().suspended() || r.suspended(), ready, HelmChart.KIND,
              chartDocument(r, hr.helmChartName(), namespace, chart, s.getLastAttemptedRevision(), ready)));
        }
      }
    }
    return rows;
  }

  /** The HelmChart helm-controller would make, as a document: its spec from the release's chart template. */
  private static Map<String, Object> chartDocument(HelmRecord r, String name, String namespace,
      HelmRelease.ChartTemplateSpec chart, String version, Optional<Condition> ready) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "source.toolkit.fluxcd.io/v1");
    doc.put("kind", HelmChart.KIND);
    doc.put("metadata", Map.of("name", name, "namespace", namespace));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("chart", chart.chart());
    spec.put("version", chart.effectiveVersion());
    spec.put("sourceRef", Map.of("kind", chart.sourceRef().kind(), "name", chart.sourceRef().name()));
    doc.put("spec", spec);
    Map<String, Object> status = new LinkedHashMap<>();
    ready.ifPresent(c -> status.put("conditions", List.of(Map.of("type", c.type(), "status", c.status(),
        "reason", c.reason(), "message", c.message()))));
    if (version != null && !version.isEmpty()) {
      status.put("artifact", Map.of("revision", version));
    }
    doc.put("status", status);
    doc.put(FluxObjectDocuments.DRIFTLESS, Map.of("cluster", r.cluster(), "root", r.root(), "parent", r.parent()));
    return doc;
  }

  /** The HelmReleases on {@code cluster} (null: any) whose chart comes from the source {@code kind/namespace/name}. */
  static List<HelmRecord> releasesUsing(List<HelmRecord> records, String kind, String namespace, String name, String cluster) {
    List<HelmRecord> users = new ArrayList<>();
    for (HelmRecord r : records) {
      if ((cluster == null || cluster.equals(r.cluster())) && parse(r).orElse(null) instanceof HelmRelease hr) {
        HelmRelease.CrossNamespaceRef ref = hr.spec().chartRef() != null ? hr.spec().chartRef()
            : hr.spec().chart() != null && hr.spec().chart().spec() != null ? hr.spec().chart().spec().sourceRef() : null;
        if (ref != null && kind.equals(ref.kind()) && name.equals(ref.name()) && namespace.equals(ref.namespaceOr(hr.namespace()))) {
          users.add(r);
        }
      }
    }
    return users;
  }

  /** The chart is Ready once the release got it; a failure to get it is the release's ArtifactFailed. */
  private static Optional<Condition> chartReady(String chart, HelmReleaseStatus s) {
    Optional<Condition> ready = s.condition(Condition.READY);
    if (ready.isPresent() && Reason.ARTIFACT_FAILED.flux().equals(ready.get().reason())) {
      return ready;
    }
    String version = s.getLastAttemptedRevision();
    if (version == null || version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Condition(Condition.READY, Condition.TRUE, "ChartPullSucceeded",
        "pulled '" + chart + "' chart with version '" + version + "'", ready.map(Condition::lastTransitionTime).orElse("")));
  }

  private static boolean suspended(HelmObject o) {
    if (o instanceof HelmRepository h) {
      return h.spec().suspended();
    }
    if (o instanceof OCIRepository h) {
      return h.spec().suspended();
    }
    if (o instanceof HelmChart h) {
      return h.spec().suspended();
    }
    return o instanceof HelmRelease h && h.spec().suspended();
  }

  private static HelmReleaseStatus status(HelmRecord r) {
    return r.status() == null ? new HelmReleaseStatus() : r.status();
  }

  /** The object in the record; empty when its manifest no longer parses (its own run reports why). */
  static Optional<HelmObject> parse(HelmRecord r) {
    try {
      var docs = Yaml.readDocuments(r.key(), r.manifest());
      return docs.size() == 1 ? HelmObjects.parse(new KubeObject(docs.get(0), r.key())) : Optional.empty();
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
