package io.driftless.record;

/** A conditional write lost a race: the record changed since it was read. */
public class ConcurrentUpdateException extends RuntimeException {
  public ConcurrentUpdateException(String message) {
    super(message);
  }
}
