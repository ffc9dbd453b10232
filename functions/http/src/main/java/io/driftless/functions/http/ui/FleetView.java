package io.driftless.functions.http.ui;

import io.driftless.model.helm.HelmRelease;
import io.driftless.record.ClusterRecord;
import io.driftless.record.HelmRecord;
import io.driftless.record.FleetRecords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code GET /api/fleet} answers: the registered clusters, every Kustomization and HelmRelease on
 * each (sorted by cluster, then id), the sources, and whether this UI accepts writes.
 */
public record FleetView(List<String> clusters, List<FleetItem> items, List<Source> sources, boolean writable) {

  /** By cluster, then id. */
  static final Comparator<FleetItem> ORDER = Comparator.comparing(FleetItem::cluster).thenComparing(FleetItem::id);

  /** A Git source ({@code GitRepository}) or a Helm one (HelmRepository, OCIRepository, HelmChart). */
  public record Source(String kind, String key, String cluster, String url, String revision, String fetchedAt) {}

  static FleetView read(FleetRecords store, boolean writable) {
    List<String> clusters = store.listClusters().stream().map(ClusterRecord::name).sorted().toList();
    List<FleetItem> items = Stream.concat(
            store.listKustomizations().stream().map(FleetItem::of),
            helmReleases(store).stream().map(FleetItem::of))
        .sorted(ORDER)
        .toList();
    return new FleetView(clusters, items, sources(store), writable);
  }

  static List<HelmRecord> helmReleases(FleetRecords store) {
    return store.listHelmObjects().stream().filter(h -> h.kind().equals(HelmRelease.KIND)).toList();
  }

  private static List<Source> sources(FleetRecords store) {
    List<Source> sources = new ArrayList<>();
    store.listSources().forEach(s ->
        sources.add(new Source("GitRepository", s.key(), null, s.url(), s.lastRevision(), s.lastFetchedAt())));
    store.listHelmObjects().stream().filter(h -> !h.kind().equals(HelmRelease.KIND)).forEach(h ->
        sources.add(new Source(h.kind(), h.key(), h.cluster(), null, null, h.lastReconciledAt())));
    sources.sort(Comparator.comparing(Source::kind).thenComparing(Source::key));
    return sources;
  }
}
