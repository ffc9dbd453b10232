package io.driftless.functions;

import java.time.Duration;

/**
 * Hides a received SQS message from other consumers for a while (SQS's {@code ChangeMessageVisibility}):
 * the Lambda app has one that calls SQS. Beans of this type are optional; the HTTP app has none, so
 * {@link DriftlessFunctions#work} leaves every delivery's visibility to its queue there.
 */
public interface MessageVisibility {
  /**
   * Makes {@code message} visible again {@code timeout} from now; throws when SQS refuses or cannot
   * be reached, with a message that never holds the receipt handle.
   */
  void change(SqsMessage message, Duration timeout);
}
