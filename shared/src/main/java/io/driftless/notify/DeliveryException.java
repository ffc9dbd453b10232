package io.driftless.notify;

/** A notification that could not be delivered; its message never holds an address, token or password. */
public final class DeliveryException extends Exception {
  public DeliveryException(String message) {
    super(message);
  }
}
