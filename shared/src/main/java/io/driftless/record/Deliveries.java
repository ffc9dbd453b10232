package io.driftless.record;

import java.time.Duration;
import java.time.Instant;

/** Webhook deliveries and alert events seen, for de-duplication. One role of the {@link StateStore}. */
public interface Deliveries {
  /** Records a webhook delivery id; false when it was seen before (a replay). */
  boolean recordDelivery(String deliveryId, Instant now, Duration keepFor);
}
