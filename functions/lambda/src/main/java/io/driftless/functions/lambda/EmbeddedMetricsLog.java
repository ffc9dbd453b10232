package io.driftless.functions.lambda;

import io.driftless.functions.RunObserver;
import io.driftless.metrics.EmbeddedMetricLines;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ReconcileOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * On Lambda, after each run: Flux's metrics of the objects it reconciled as CloudWatch
 * embedded-metric-format lines on stdout, which Lambda sends to CloudWatch Logs, where they become
 * metrics (namespace Driftless). Writing them never fails the run.
 */
@ApplicationScoped
public class EmbeddedMetricsLog implements RunObserver {
  private static final Logger LOG = Logger.getLogger(EmbeddedMetricsLog.class.getName());

  @Inject Engine engine;
  @Inject Clock clock;

  @Override
  public void ran(List<ReconcileOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    try {
      List<String> lines = EmbeddedMetricLines.of(engine.fleet(),
          outcomes.stream().map(o -> new EmbeddedMetricLines.Reconciled(o.cluster(), o.kustomization())).toList(),
          clock.instant());
      PrintStream out = System.out;
      lines.forEach(out::println);
      out.flush();
    } catch (RuntimeException e) {
      LOG.warning("metrics of this run not logged: " + e.getMessage());
    }
  }
}
