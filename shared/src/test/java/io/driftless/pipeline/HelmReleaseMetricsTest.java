package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.metrics.FleetMetrics;
import io.driftless.record.HelmRecord;
import io.driftless.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HelmRelease's reconciles are counted in its final status write (not in its progress writes) and
 * show in {@code /metrics} as Flux's HelmRelease series, chart labels included.
 */
@ParameterizedClass
@EnumSource(value = TestCluster.class, names = "SANDBOX")
class HelmReleaseMetricsTest extends HelmReleaseTestBase {

  @Test
  void aHelmReleaseReconcileIsCountedOnceAndShown() {
    push(remote.commit("web"));

    HelmRecord web = store.getHelmObject("demo", HR).orElseThrow();
    assertThat(web.durations().count()).isEqualTo(1);
    String page = FleetMetrics.text(store);
    assertThat(page)
        .contains("gotk_reconcile_duration_seconds_count{cluster=\"demo\",kind=\"HelmRelease\",name=\"web\",namespace=\"web\"} 1\n")
        .contains("gotk_reconcile_condition{cluster=\"demo\",kind=\"HelmRelease\",name=\"web\",namespace=\"web\",status=\"True\",type=\"Ready\"} 1.0\n")
        .contains("gotk_suspend_status{cluster=\"demo\",kind=\"HelmRelease\",name=\"web\",namespace=\"web\"} 0.0\n");
    assertThat(page.lines().filter(l -> l.startsWith("gotk_resource_info{") && l.contains("customresource_kind=\"HelmRelease\"")
            && l.contains(",name=\"web\"")))
        .singleElement().satisfies(line -> assertThat(line)
            .contains("chart_name=\"web\"", "chart_source_name=\"charts\"", "revision=\"1.0.0\"", "ready=\"True\"",
                "exported_namespace=\"web\""));
  }
}
