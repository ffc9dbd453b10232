package io.driftless.record;

/**
 * Everything Driftless remembers, in one DynamoDB table (its items: infra/dynamodb/README.md), as the
 * sum of its roles; each part of the engine is handed only the roles it needs, and the CLI, the web
 * UI and /metrics only {@link FleetRecords}. Implemented by {@code DynamoStateStore}, against DynamoDB
 * Local in-process by default and AWS DynamoDB when {@code DRIFTLESS_TABLE} is set.
 */
public interface StateStore
    extends Intake, Registry, WorkItemStore, StatusWriter, Leases, AutoCloseable {
  /** The events of every reconcile, kept for {@code DRIFTLESS_EVENT_TTL} ({@link EventStore} writes them). */
  @Override
  EventLog events();

  @Override
  void close();
}
