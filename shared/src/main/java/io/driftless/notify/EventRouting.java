package io.driftless.notify;

import io.driftless.event.Event;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flux's rules for which Alert gets an event, and what it gets (notification-controller's event
 * server): event sources, severity, inclusion and exclusion lists, and the metadata an Alert adds.
 */
final class EventRouting {
  /** The group of Flux's event annotations and metadata keys. */
  static final String EVENT_GROUP = "event.toolkit.fluxcd.io";

  private EventRouting() {}

  /**
   * True when one of the Alert's sources names the event's object ({@code namespace} defaulting to
   * the Alert's; {@code *}, which only a registered Alert may hold, for all), {@code name} {@code *} for all, {@code matchLabels} against {@code labels}) at a
   * severity the Alert takes ({@code info} takes every severity, {@code error} only errors).
   */
  static boolean matchesSources(Alert alert, Event event, java.util.function.Supplier<Map<String, String>> labels) {
    for (Alert.EventSource source : alert.sources()) {
      String ns = source.namespace() == null || source.namespace().isEmpty() ? alert.namespace() : source.namespace();
      Event.InvolvedObject o = event.involvedObject();
      if (!(ns.equals("*") || ns.equals(o.namespace())) || !source.kind().equals(o.kind())) {
        continue;
      }
      if (!alert.severity().equals(event.severity().flux()) && !alert.severity().equals("info")) {
        continue;
      }
      if (!source.name().equals("*") && !source.name().equals(o.name())) {
        continue;
      }
      if (source.matchLabels() == null || source.matchLabels().entrySet().stream()
          .allMatch(l -> l.getValue().equals(labels.get().get(l.getKey())))) {
        return true;
      }
    }
    return false;
  }

  /** Inclusion list (empty: all) then exclusion list: exclusion wins. Patterns were checked on parse. */
  static boolean messageAllowed(Alert alert, String message) {
    boolean included = alert.inclusionList().isEmpty()
        || alert.inclusionList().stream().anyMatch(p -> Pattern.compile(p).matcher(message).find());
    return included && alert.exclusionList().stream().noneMatch(p -> Pattern.compile(p).matcher(message).find());
  }

  /** The API group of the event's object, from its apiVersion or, when it has none, its kind. */
  static String objectGroup(Event.InvolvedObject o) {
    String apiVersion = o.apiVersion();
    if (apiVersion.contains("/")) {
      return apiVersion.substring(0, apiVersion.indexOf('/'));
    }
    return switch (o.kind()) {
      case "Kustomization" -> "kustomize.toolkit.fluxcd.io";
      case "HelmRelease" -> "helm.toolkit.fluxcd.io";
      case "ImageRepository", "ImagePolicy" -> "image.toolkit.fluxcd.io";
      case "ImageUpdateAutomation" -> "image.toolkit.fluxcd.io";
      default -> "source.toolkit.fluxcd.io";
    };
  }

  /**
   * Flux's clean-up before routing: only keys of the event group or the object's group stay,
   * without {@code checksum}, {@code digest} and {@code token}.
   */
  static Map<String, String> cleanMetadata(Event event) {
    String objectPrefix = objectGroup(event.involvedObject()) + "/";
    Map<String, String> out = new HashMap<>();
    event.metadata().forEach((k, v) -> {
      boolean kept = k.startsWith(EVENT_GROUP + "/") || k.startsWith(objectPrefix);
      boolean internal = k.equals(objectPrefix + "checksum") || k.equals(objectPrefix + "digest")
          || k.equals(objectPrefix + "token");
      if (kept && !internal) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * The metadata an Alert's provider gets, lowest precedence first: the object's
   * {@code event.toolkit.fluxcd.io/*} annotations and event keys, the Alert's {@code eventMetadata},
   * its {@code summary}, then the controller's keys (the object's group), each without its prefix.
   * {@code cluster} names the Driftless cluster unless a key of that name is already set.
   */
  static Map<String, String> combineMetadata(Event event, Map<String, String> cleaned, Alert alert,
      Map<String, String> annotations) {
    String eventPrefix = EVENT_GROUP + "/";
    String objectPrefix = objectGroup(event.involvedObject()) + "/";
    Map<String, String> out = new HashMap<>();
    annotations.forEach((k, v) -> {
      if (k.startsWith(eventPrefix)) {
        out.put(k.substring(eventPrefix.length()), v);
      }
    });
    cleaned.forEach((k, v) -> {
      if (k.startsWith(eventPrefix)) {
        out.put(k.substring(eventPrefix.length()), v);
      }
    });
    out.putAll(alert.eventMetadata());
    if (alert.spec().summary() != null && !alert.spec().summary().isEmpty()) {
      out.put("summary", alert.spec().summary());
    }
    cleaned.forEach((k, v) -> {
      if (k.startsWith(objectPrefix)) {
        out.put(k.substring(objectPrefix.length()), v);
      }
    });
    if (!event.cluster().isEmpty()) {
      out.putIfAbsent("cluster", event.cluster());
    }
    return out;
  }

  /** Flux's duplicate key: the object, the message and its revision, origin revision and token metadata. */
  static String duplicateKey(Event event) {
    Event.InvolvedObject o = event.involvedObject();
    String group = objectGroup(o) + "/";
    StringBuilder key = new StringBuilder("event/name=").append(o.name()).append("/namespace=").append(o.namespace())
        .append("/kind=").append(o.kind()).append("/message=").append(event.message());
    for (String k : new String[] {"originRevision", "revision", "token"}) {
      String v = event.metadata().get(group + k);
      if (v != null) {
        key.append('/').append(k).append('=').append(v);
      }
    }
    return key.toString();
  }

  /**
   * An event a commit status reflects: marked as a commit-status update, an error, one carrying
   * Flux's {@code event.toolkit.fluxcd.io/commit} key (Flux's rule), a reconcile starting
   * ({@code Progressing}, the pending status), or a success ({@code *Succeeded}). Other info events
   * (a dependency not ready yet) would post a premature success, so they are skipped.
   */
  static boolean isCommitStatusEvent(Event event) {
    return isCommitStatusUpdate(event) || event.severity() == Event.Severity.ERROR
        || event.metadata().containsKey(EVENT_GROUP + "/commit") || "Progressing".equals(event.reason())
        || (event.severity() == Event.Severity.INFO && event.reason().endsWith("Succeeded"));
  }

  /** A commit status marked by the controller ({@code <group>/commit_status: update}). */
  static boolean isCommitStatusUpdate(Event event) {
    return "update".equals(event.metadata().get(objectGroup(event.involvedObject()) + "/commit_status"));
  }
}
