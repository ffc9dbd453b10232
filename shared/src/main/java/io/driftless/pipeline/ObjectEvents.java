package io.driftless.pipeline;

import io.driftless.event.Event;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits one event about a Flux object into the engine's sink, as Flux's event recorder does: the
 * object's {@code event.toolkit.fluxcd.io/*} annotations join the metadata (the controller's own keys
 * win), and the time is the engine's clock.
 */
final class ObjectEvents {
  static final String EVENT_ANNOTATION_PREFIX = "event.toolkit.fluxcd.io/";

  private ObjectEvents() {}

  static void emit(ReconcileContext ctx, String cluster, Event.InvolvedObject object, String manifest,
      Event.Severity severity, String reason, String message, Map<String, String> metadata, String controller) {
    ctx.events().emit(event(ctx, cluster, object, manifest, severity, reason, message, metadata, controller));
  }

  /** The event {@link #emit} would send, for a caller that sends several at once. */
  static Event event(ReconcileContext ctx, String cluster, Event.InvolvedObject object, String manifest,
      Event.Severity severity, String reason, String message, Map<String, String> metadata, String controller) {
    Map<String, String> all = new HashMap<>(annotations(object.subject(), manifest));
    all.putAll(metadata);
    return new Event(ctx.clock().instant(), object, cluster, severity, reason, message, all, controller);
  }

  /** The object's {@code event.toolkit.fluxcd.io/*} annotations; none when its manifest cannot be read. */
  static Map<String, String> annotations(String origin, String manifest) {
    if (manifest == null || !manifest.contains(EVENT_ANNOTATION_PREFIX)) {
      return Map.of();
    }
    try {
      List<Map<String, Object>> docs = Yaml.readDocuments(origin, manifest);
      Map<String, String> found = new HashMap<>();
      if (docs.size() == 1) {
        new KubeObject(docs.get(0), origin).annotations().forEach((k, v) -> {
          if (k.startsWith(EVENT_ANNOTATION_PREFIX)) {
            found.put(k, v);
          }
        });
      }
      return found;
    } catch (RuntimeException unreadable) {
      return Map.of();
    }
  }
}
