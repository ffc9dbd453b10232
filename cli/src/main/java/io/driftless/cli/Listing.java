package io.driftless.cli;

import io.driftless.model.Condition;
import io.driftless.model.GitRepository;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.FleetRecords;
import io.driftless.view.FluxObjectDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Each kind {@code driftless get} lists, in the order {@code flux get all} prints them (sources,
 * then HelmReleases, then Kustomizations), with the rows it reads from the table.
 */
enum Listing {
  OCI_REPOSITORY(OCIRepository.KIND, (store, scope) -> HelmRows.sources(store.listHelmObjects(), OCIRepository.KIND, scope)),
  GIT_REPOSITORY(GitRepository.KIND, Listing::gitRows),
  HELM_REPOSITORY(HelmRepository.KIND, (store, scope) -> HelmRows.sources(store.listHelmObjects(), HelmRepository.KIND, scope)),
  HELM_CHART(HelmChart.KIND, (store, scope) -> HelmRows.charts(store.listHelmObjects(), scope)),
  HELM_RELEASE(HelmRelease.KIND, (store, scope) -> HelmRows.releases(store.listHelmObjects(), scope)),
  KUSTOMIZATION("Kustomization", (store, scope) -> kustomizationRows(store.listKustomizations(), scope));

  static final List<Listing> SOURCES = List.of(OCI_REPOSITORY, GIT_REPOSITORY, HELM_REPOSITORY, HELM_CHART);

  final String kind;
  private final BiFunction<FleetRecords, Scope, List<StatusTable.Row>> rows;

  Listing(String kind, BiFunction<FleetRecords, Scope, List<StatusTable.Row>> rows) {
    this.kind = kind;
    this.rows = rows;
  }

  static List<Listing> list(Listing listing) {
    return List.of(listing);
  }

  List<StatusTable.Row> rows(FleetRecords store, Scope scope) {
    return rows.apply(store, scope);
  }

  static List<StatusTable.Row> kustomizationRows(List<KustomizationRecord> records, Scope scope) {
    List<StatusTable.Row> rows = new ArrayList<>();
    for (KustomizationRecord r : records) {
      String namespace = r.key().substring(0, r.key().indexOf('/'));
      if (!scope.includes(r.cluster(), namespace)) {
        continue;
      }
      KustomizationStatus s = r.status() == null ? new KustomizationStatus() : r.status();
      Map<String, Object> doc = FluxObjectDocuments.of(r);
      rows.add(new StatusTable.Row(r.cluster(), namespace, r.key().substring(namespace.length() + 1),
          s.getLastAppliedRevision(), suspended(doc), s.condition(Condition.READY), "Kustomization", doc));
    }
    return rows;
  }

  /** A GitRepository is on its root's cluster; Ready once a revision was fetched. */
  static List<StatusTable.Row> gitRows(FleetRecords store, Scope scope) {
    List<StatusTable.Row> rows = new ArrayList<>();
    for (SourceRecord s : store.listSources()) {
      String cluster = store.getRoot(s.root()).map(RootRecord::cluster).orElse("");
      String namespacedName = s.key().substring(s.key().indexOf('#') + 1);
      String namespace = namespacedName.substring(0, namespacedName.indexOf('/'));
      if (!scope.includes(cluster, namespace)) {
        continue;
      }
      Map<String, Object> doc = FluxObjectDocuments.of(s, cluster);
      rows.add(new StatusTable.Row(cluster, namespace, namespacedName.substring(namespace.length() + 1),
          s.lastRevision(), suspended(doc), FluxObjectDocuments.gitReady(s), GitRepository.KIND, doc));
    }
    return rows;
  }

  /** {@code spec.suspend} of the document, which holds the table's mark too. */
  static boolean suspended(Map<String, Object> doc) {
    return doc.get("spec") instanceof Map<?, ?> spec && Boolean.TRUE.equals(spec.get("suspend"));
  }
}
