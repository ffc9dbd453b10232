package io.driftless.pipeline;

import java.util.List;

/**
 * What a fan-out step did: the ids of the work items it queued, the outcomes of what it ran itself,
 * and the ids of requests whose run failed outside any one reconcile (to be delivered again).
 */
public record FanOutReport(List<String> queued, List<ReconcileOutcome> outcomes, List<String> failed) {}
