package io.driftless.functions;

import io.driftless.pipeline.ReconcileOutcome;
import java.util.List;

/**
 * Told what each function run reconciled, once it is done: the Lambda app logs Flux's metrics for
 * those objects with it. Beans of this type are optional; the HTTP app has none.
 */
public interface RunObserver {
  void ran(List<ReconcileOutcome> outcomes);
}
