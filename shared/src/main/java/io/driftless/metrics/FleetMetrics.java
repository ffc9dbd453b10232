package io.driftless.metrics;

import io.driftless.model.Condition;
import io.driftless.model.GitRepository;
import io.driftless.model.Kustomization;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.model.Redact;
import io.driftless.record.FleetRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Flux objects of every cluster, read from the table (so any instance shows the whole fleet):
 * the Kustomizations and HelmReleases (work items) and the GitRepositories (sources), as
 * {@link FluxResource}s for {@link FluxMetricSnapshots}.
 */
public final class FleetMetrics {
  private FleetMetrics() {}

  /** Reads the table once (four queries) and returns every resource the metrics show. */
  static List<FluxResource> resources(FleetRecords store) {
    List<FluxResource> out = new ArrayList<>();
    store.listKustomizations().forEach(rec -> out.add(of(rec)));
    store.listHelmObjects().stream().filter(rec -> HelmRelease.KIND.equals(rec.kind())).forEach(rec -> out.add(of(rec)));
    Map<String, String> clusterOfRoot = store.listRoots().stream()
        .filter(r -> r.cluster() != null)
        .collect(Collectors.toMap(RootRecord::name, RootRecord::cluster, (a, b) -> a));
    for (SourceRecord rec : store.listSources()) {
      out.add(FluxResource.of(clusterOfRoot.getOrDefault(rec.root(), ""), rec.key(), GitRepository.KIND,
              rec.manifest(), null, false, null)
          .withReady(rec.lastRevision() == null ? null : Condition.TRUE)
          .with("revision", rec.lastRevision())
          .with("url", withoutUserInfo(rec.url())));
    }
    return out;
  }

  /** A URL with any {@code user:token@} taken out: metrics are never a place for a secret. */
  static String withoutUserInfo(String url) {
    return url == null ? null : url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#\\s]*@", "$1");
  }

  static FluxResource of(KustomizationRecord rec) {
    return FluxResource.of(rec.cluster(), rec.key(), Kustomization.KIND, rec.manifest(), rec.status(), false,
            rec.durations())
        .with("revision", rec.status() == null ? null : rec.status().getLastAppliedRevision())
        .withField("source_name", "spec", "sourceRef", "name");
  }

  static FluxResource of(HelmRecord rec) {
    return FluxResource.of(rec.cluster(), rec.key(), HelmRelease.KIND, rec.manifest(), rec.status(), rec.suspended(),
            rec.durations())
        .with("revision", rec.status() == null ? null : rec.status().getLastAttemptedRevision())
        .withField("chart_name", "spec", "chart", "spec", "chart")
        .withField("chart_source_name", "spec", "chart", "spec", "sourceRef", "name")
        .withField("chart_ref_name", "spec", "chartRef", "name");
  }

  /**
   * The metrics of every resource in {@code store}, as Prometheus' text format; any URL's user info or
   * webhook digest a label took from a manifest is hidden ({@link Redact#text}).
   */
  public static String text(FleetRecords store) {
    return Redact.text(MetricsText.write(FluxMetricSnapshots.of(resources(store))));
  }
}
