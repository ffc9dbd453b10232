package io.driftless.functions;

import io.driftless.pipeline.FanOutReport;
import io.driftless.pipeline.ReconcileOutcome;
import java.util.List;

/**
 * The {@code work} function's answer: Lambda's partial batch response ({@code batchItemFailures},
 * the deliveries to retry, with {@code ReportBatchItemFailures} on the event source mapping), with
 * what ran and what it queued for the log.
 */
public record BatchResponse(List<ItemFailure> batchItemFailures, List<ReconcileOutcome> outcomes, List<String> queued) {

  public record ItemFailure(String itemIdentifier) {}

  static BatchResponse of(List<WorkEvent.Delivery> deliveries, FanOutReport report) {
    List<ItemFailure> failures = deliveries.stream()
        .filter(d -> report.failed().contains(d.requestId()))
        .map(d -> new ItemFailure(d.itemIdentifier()))
        .toList();
    return new BatchResponse(failures, report.outcomes(), report.queued());
  }
}
