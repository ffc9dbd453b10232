package io.driftless.helm.render;

/** A values entry that cannot be read or merged; the message names the reference and the cause. */
public class ValuesException extends RuntimeException {
  public ValuesException(String message) {
    super(message);
  }
}
