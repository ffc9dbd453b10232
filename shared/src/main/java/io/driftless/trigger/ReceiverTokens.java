package io.driftless.trigger;

import io.driftless.model.Receiver;
import io.driftless.record.ReceiverRecord;

/**
 * Where a Receiver's token comes from when a request arrives: the {@code token} key of its
 * {@code secretRef} Secret, read again each time, so the table never holds it.
 */
@FunctionalInterface
public interface ReceiverTokens {
  /** The token's bytes; throws IllegalArgumentException naming the Secret (never its value). */
  byte[] token(ReceiverRecord record, Receiver receiver);
}
