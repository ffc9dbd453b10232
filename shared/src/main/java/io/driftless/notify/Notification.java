package io.driftless.notify;

/** A Flux Provider or Alert, as recorded for one cluster. */
public sealed interface Notification permits Provider, Alert {
  String namespace();

  String name();

  /** {@code Kind/namespace/name}, its key in the table. */
  String key();
}
