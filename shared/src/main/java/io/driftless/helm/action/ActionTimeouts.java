package io.driftless.helm.action;

import io.driftless.model.Durations;
import io.driftless.model.helm.HelmRelease;
import java.time.Duration;

/** The timeout of one Helm action: the action's own {@code timeout}, else {@code spec.timeout}, else 5m. */
public final class ActionTimeouts {
  static final Duration DEFAULT = Duration.ofMinutes(5);

  private ActionTimeouts() {}

  public static Duration of(HelmRelease hr, String action) {
    HelmRelease.Spec s = hr.spec();
    String own = switch (action) {
      case "install" -> s.install() == null ? null : s.install().timeout();
      case "upgrade" -> s.upgrade() == null ? null : s.upgrade().timeout();
      case "test" -> s.test() == null ? null : s.test().timeout();
      case "rollback" -> s.rollback() == null ? null : s.rollback().timeout();
      case "uninstall" -> s.uninstall() == null ? null : s.uninstall().timeout();
      default -> throw new IllegalArgumentException("no Helm action " + action);
    };
    return Durations.parseOr(own != null ? own : s.timeout(), DEFAULT);
  }
}
