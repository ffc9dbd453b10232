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
import java.util.ArrayList;
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
            hr.spec().suspended() || r.suspended(), s.condition(Condition.READY)));
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
            suspended(o.get()), s.condition(Condition.READY)));
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
          rows.add(new StatusTable.Row(r.cluster(), namespace, hr.helmChartName(), s.getLastAttemptedRevision(),
              hr.spec().suspended() || r.suspended(), chartReady(chart.chart(), s)));
        }
      }
    }
    return rows;
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
