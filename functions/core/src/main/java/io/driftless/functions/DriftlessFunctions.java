package io.driftless.functions;

import io.driftless.pipeline.Engine;
import io.driftless.pipeline.FanOutReport;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.pipeline.ReconcileReport;
import io.driftless.record.dynamo.DynamoOperations;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.trigger.WebhookRequest;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Funqy functions: thin adapters from an event shape to one {@link Engine} call. On Lambda each
 * deployment exports one of them ({@code QUARKUS_FUNQY_EXPORT}); over HTTP each is a POST path.
 */
public class DriftlessFunctions {
  private static final Logger LOG = Logger.getLogger(DriftlessFunctions.class.getName());
  @Inject Engine engine;
  @Inject Clock clock;
  @Inject Instance<RunObserver> observers;
  @Inject Instance<MessageVisibility> visibility;

  /**
   * A push webhook, or a Flux Receiver's {@code /hook/<digest>}, arriving through a Lambda Function
   * URL; answers at once. The body is handed on as raw bytes, verified before anything parses it.
   */
  @Funq
  public FunctionUrlResponse webhook(FunctionUrlEvent event) {
    WebhookRequest request = new WebhookRequest(event.headers(), event.rawBody());
    return FunctionUrlResponse.of(event.receiverDigest()
        .map(digest -> engine.receiver(digest, request))
        .orElseGet(() -> engine.webhook(request)));
  }

  /** A cron tick run in one invocation: drains queued requests, then reconciles what is due, inline. */
  @Funq
  public ReconcileReport schedule(ScheduledEvent event) {
    return observed(engine.schedule(event.timeOr(clock.instant())));
  }

  /**
   * A cron tick that fans out (EventBridge): queues one work item per tree top that may be due, each
   * run by its own invocation of {@link #work}, and resumes what a dead invocation left.
   */
  @Funq
  public FanOutReport tick(ScheduledEvent event) {
    FanOutReport report = engine.tick(event.timeOr(clock.instant()));
    observe(report.outcomes());
    return report;
  }

  /**
   * Runs the queued work items an SQS batch (or the table's stream) delivers, one Kustomization on one
   * cluster each, and queues the items that follow; failed deliveries are reported for retry. While
   * they run, their SQS messages stay hidden for short renewed spans ({@link DeliveryVisibility}), so
   * a delivery whose invocation died is redelivered within seconds.
   */
  @Funq
  public BatchResponse work(WorkEvent event) {
    List<WorkEvent.Delivery> deliveries = event.deliveries();
    List<String> ids = deliveries.stream().map(WorkEvent.Delivery::requestId).toList();
    Optional<DynamoOperations> operations = engine.store() instanceof DynamoStateStore dynamo
        ? Optional.of(dynamo.operations()) : Optional.empty();
    Optional<DynamoOperations.Totals> before = operations.map(DynamoOperations::totals);
    FanOutReport report;
    try (DeliveryVisibility.Kept kept = keptVisible(event)) {
      report = engine.work(ids);
    }
    // what the invocation cost the table, in the units DynamoDB bills (docs/aws.md); one invocation at a time per process
    before.ifPresent(b -> LOG.info("[cost] " + String.join(" ", ids) + ": " + operations.get().totals().minus(b)));
    observe(report.outcomes());
    return BatchResponse.of(deliveries, report);
  }

  /** A manual reconcile of one Kustomization or all, or the table's stream saying requests are queued. */
  @Funq
  public ReconcileReport reconcile(ReconcileInput input) {
    return observed(input.isStreamEvent() ? engine.drainPending() : engine.reconcile(input.command()));
  }

  private DeliveryVisibility.Kept keptVisible(WorkEvent event) {
    return visibility.isResolvable()
        ? new DeliveryVisibility(visibility.get()).keep(event.sqsMessages())
        : DeliveryVisibility.Kept.NONE;
  }

  private ReconcileReport observed(ReconcileReport report) {
    observe(report.outcomes());
    return report;
  }

  private void observe(List<ReconcileOutcome> outcomes) {
    observers.forEach(o -> o.ran(outcomes));
  }
}
