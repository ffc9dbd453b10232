package io.driftless.notify;

import io.driftless.event.Event;

/** Delivers one event (metadata already combined for the Alert) in one Provider type's shape. */
interface Notifier {
  void post(Event event, Target target, Delivery http) throws DeliveryException;
}
