package io.driftless.apply;

import java.util.Locale;

/** What applying or pruning did to one object, as Flux's change set reports it. */
public enum Action {
  CREATED, CONFIGURED, UNCHANGED, DELETED, SKIPPED, UNKNOWN;

  /** {@code created}, {@code configured}, …: the word in change-set lines and events. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
