package io.driftless.notify;

import io.driftless.model.ObjectId;
import java.util.List;
import java.util.Map;

/**
 * Flux's {@code Alert} ({@code notification.toolkit.fluxcd.io/v1beta3}): which events go to which
 * Provider (in the Alert's namespace).
 */
public record Alert(String namespace, String name, Spec spec, String origin) implements Notification {
  public static final String KIND = "Alert";

  public String key() {
    return ObjectId.subject(KIND, namespace, name);
  }

  public boolean suspended() {
    return Boolean.TRUE.equals(spec.suspend());
  }

  /** {@code info} (everything) unless {@code spec.eventSeverity} says {@code error}. */
  public String severity() {
    return spec.eventSeverity() == null ? "info" : spec.eventSeverity();
  }

  public List<EventSource> sources() {
    return spec.eventSources() == null ? List.of() : spec.eventSources();
  }

  public List<String> inclusionList() {
    return spec.inclusionList() == null ? List.of() : spec.inclusionList();
  }

  public List<String> exclusionList() {
    return spec.exclusionList() == null ? List.of() : spec.exclusionList();
  }

  public Map<String, String> eventMetadata() {
    return spec.eventMetadata() == null ? Map.of() : spec.eventMetadata();
  }

  public record Spec(
      Provider.LocalRef providerRef,
      String eventSeverity,
      List<EventSource> eventSources,
      List<String> inclusionList,
      List<String> exclusionList,
      Map<String, String> eventMetadata,
      String summary,
      Boolean suspend) {}

  /** One {@code spec.eventSources[]} entry: kind, name ({@code *} for all), namespace, matchLabels. */
  public record EventSource(String apiVersion, String kind, String name, String namespace, Map<String, String> matchLabels) {}
}
