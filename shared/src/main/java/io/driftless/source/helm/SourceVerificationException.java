package io.driftless.source.helm;

/** An artifact's signature does not verify: nothing of it is used. The message names the source and why. */
public class SourceVerificationException extends ChartSourceException {
  public SourceVerificationException(String message) {
    super(message);
  }
}
