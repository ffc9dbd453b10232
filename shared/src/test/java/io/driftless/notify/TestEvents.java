package io.driftless.notify;

import io.driftless.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** Events as the engine emits them, and a clock a test moves by hand. */
final class TestEvents {
  static final String CLUSTER = "dev";
  static final String SHA = "8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b";
  static final String REVISION = "main@sha1:" + SHA;

  private TestEvents() {}

  static Event kustomization(String ns, String name, Event.Severity severity, String reason, String message) {
    return kustomization(ns, name, severity, reason, message, REVISION);
  }

  static Event kustomization(String ns, String name, Event.Severity severity, String reason, String message,
      String revision) {
    return new Event(Instant.parse("2026-12-01T10:00:00Z"),
        new Event.InvolvedObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", ns, name), CLUSTER, severity,
        reason, message, Map.of("kustomize.toolkit.fluxcd.io/revision", revision), "kustomize-controller");
  }

  static Event helmRelease(String ns, String name, Event.Severity severity, String reason, String message) {
    return new Event(Instant.parse("2026-12-01T10:00:00Z"),
        new Event.InvolvedObject("helm.toolkit.fluxcd.io/v2", "HelmRelease", ns, name), CLUSTER, severity,
        reason, message, Map.of("helm.toolkit.fluxcd.io/revision", "6.5.0",
            "helm.toolkit.fluxcd.io/originRevision", REVISION), "helm-controller");
  }

  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
