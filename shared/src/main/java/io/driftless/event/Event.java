package io.driftless.event;

import io.driftless.model.ObjectId;
import io.driftless.model.Redact;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one Flux object on one cluster, in the shape of Flux's event
 * ({@code event.toolkit.fluxcd.io/v1beta1} Event): the involved object, a severity, a reason,
 * a one-line message and metadata such as {@code kustomize.toolkit.fluxcd.io/revision}.
 *
 * <p>{@code cluster} is the Driftless cluster the object was reconciled for; Flux has one cluster
 * per controller, so it is not part of Flux's JSON and travels as metadata key {@code cluster}
 * when an event leaves Driftless.
 */
public record Event(
    Instant timestamp,
    InvolvedObject involvedObject,
    String cluster,
    Severity severity,
    String reason,
    String message,
    Map<String, String> metadata,
    String reportingController) {

  public Event {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(involvedObject, "involvedObject");
    Objects.requireNonNull(severity, "severity");
    cluster = cluster == null ? "" : cluster;
    reason = reason == null ? "" : reason;
    message = message == null ? "" : Redact.text(message); // no URL user info or webhook digest leaves in an event
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    reportingController = reportingController == null ? "" : reportingController;
  }

  /** The Flux object an event is about. */
  public record InvolvedObject(String apiVersion, String kind, String namespace, String name) {
    public InvolvedObject {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      apiVersion = apiVersion == null ? "" : apiVersion;
      namespace = namespace == null ? "" : namespace;
    }

    /** {@code Kind/namespace/name}. */
    public String subject() {
      return ObjectId.subject(kind, namespace, name);
    }
  }

  /**
   * Flux's severities. {@code trace} events (a reconcile starting on a revision) are stored and
   * drive commit-status {@code pending}; alerting providers never receive them, as in Flux.
   */
  public enum Severity {
    TRACE,
    INFO,
    ERROR;

    /** Flux's spelling: {@code trace}, {@code info}, {@code error}. */
    public String flux() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
