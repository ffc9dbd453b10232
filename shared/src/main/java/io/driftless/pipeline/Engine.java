package io.driftless.pipeline;

import io.driftless.trigger.WebhookRequest;
import io.driftless.trigger.WebhookResponse;
import java.time.Instant;
import java.util.Map;

/**
 * TEMPORARY STUB (functions branch): the signatures the functions adapt. The integrator's real Engine
 * on main replaces this file.
 */
public final class Engine implements AutoCloseable {

  private Engine() {}

  /** Embedded DynamoDB Local unless DRIFTLESS_TABLE is set. */
  public static Engine fromEnvironment(Map<String, String> env) {
    return new Engine();
  }

  /** Verifies, records, enqueues, dispatches; returns at once (202). */
  public WebhookResponse webhook(WebhookRequest request) {
    throw new UnsupportedOperationException("Engine stub");
  }

  /** Reconciles what is due by interval, and drains pending requests. */
  public ReconcileReport schedule(Instant now) {
    throw new UnsupportedOperationException("Engine stub");
  }

  /** One Kustomization or all. */
  public ReconcileReport reconcile(ReconcileCommand command) {
    throw new UnsupportedOperationException("Engine stub");
  }

  /** Runs queued ReconcileRequests (used by the stream-triggered Lambda). */
  public ReconcileReport drainPending() {
    throw new UnsupportedOperationException("Engine stub");
  }

  @Override
  public void close() {}
}
