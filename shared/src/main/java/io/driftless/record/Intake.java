package io.driftless.record;

/**
 * What a trigger (a push webhook, a Flux Receiver) may touch of the store: read what is recorded to
 * find its targets, record the delivery it received, and queue requests. It writes no work item, no
 * status and no lease: those belong to the runs it queues.
 */
public interface Intake extends FleetRecords, Deliveries, RequestQueue {}
