package io.driftless.apply;

import java.util.Locale;

/**
 * What applying or pruning did to one object, as Flux's change set reports it; {@code DRIFTED} (not
 * Flux's) is a detect-only apply's finding: the object differs from Git and was left as it is.
 */
public enum Action {
  CREATED, CONFIGURED, UNCHANGED, DELETED, SKIPPED, UNKNOWN, DRIFTED;

  /** {@code created}, {@code configured}, …: the word in change-set lines and events. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
