package io.driftless.cli;

import io.driftless.event.Event;
import io.driftless.model.FluxObjects;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.ClusterRecord;
import io.driftless.record.FleetRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which stored events a command shows, as {@code flux events} picks them: one object
 * ({@code --for Kind/name}, with its source's events merged in, as flux does), one kind
 * ({@code --for Kind}), or everything, in one namespace or all ({@code -A}), on one cluster or all.
 * One object is read with one Query per cluster, everything with the day partitions' Queries.
 */
final class EventSelection {
  private static final List<String> KINDS = List.of("Kustomization", "HelmRelease", "GitRepository",
      "HelmRepository", "OCIRepository", "HelmChart");
  private final String kind;
  private final String name;
  private final Scope scope;

  private EventSelection(String kind, String name, Scope scope) {
    this.kind = kind;
    this.name = name;
    this.scope = scope;
  }

  /** {@code forSelector} is null, {@code Kind} or {@code Kind/name}, as {@code flux events --for} takes it. */
  static EventSelection of(String forSelector, Scope scope) {
    if (forSelector == null || forSelector.isBlank()) {
      return new EventSelection(null, null, scope);
    }
    int slash = forSelector.indexOf('/');
    if (slash == 0 || slash == forSelector.length() - 1) {
      throw new IllegalArgumentException("--for " + forSelector + ": must be of format <kind>[/<name>]");
    }
    String kind = canonical(slash < 0 ? forSelector : forSelector.substring(0, slash));
    return new EventSelection(kind, slash < 0 ? null : forSelector.substring(slash + 1), scope);
  }

  /** Flux's spelling of a kind typed in any case ({@code kustomization} is {@code Kustomization}). */
  private static String canonical(String kind) {
    return KINDS.stream().filter(k -> k.equalsIgnoreCase(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--for " + kind + ": not a kind Driftless reconciles ("
            + String.join(", ", KINDS) + ")"));
  }

  /** The selected events since {@code since}, oldest first. */
  List<Event> read(FleetRecords store, Instant since) {
    List<Event> events = new ArrayList<>();
    if (name == null) {
      store.events().since(since).stream().filter(this::inScope)
          .filter(e -> kind == null || e.involvedObject().kind().equalsIgnoreCase(kind))
          .forEach(events::add);
    } else {
      for (String cluster : clusters(store)) {
        events.addAll(store.events().forObject(cluster, kind, scope.namespace, name, since));
        for (Event.InvolvedObject source : sources(store, cluster)) {
          events.addAll(store.events().forObject(cluster, source.kind(), source.namespace(), source.name(), since));
        }
      }
    }
    events.sort(Comparator.comparing(Event::timestamp));
    return events;
  }

  private boolean inScope(Event e) {
    return scope.includes(e.cluster(), e.involvedObject().namespace());
  }

  private List<String> clusters(FleetRecords store) {
    return scope.cluster != null ? List.of(scope.cluster) : store.listClusters().stream().map(ClusterRecord::name).toList();
  }

  /** The object's source, as flux's {@code --for} adds it: a Kustomization's sourceRef, a HelmRelease's chart source. */
  private List<Event.InvolvedObject> sources(FleetRecords store, String cluster) {
    String key = scope.namespace + "/" + name;
    if (kind.equalsIgnoreCase("Kustomization")) {
      return store.getKustomization(cluster, key).flatMap(r -> parse(r.key(), r.manifest()))
          .map(o -> ref(FluxObjects.kustomization(o))).stream().toList();
    }
    if (kind.equalsIgnoreCase(HelmRelease.KIND)) {
      return store.getHelmObject(cluster, ObjectId.subject(HelmRelease.KIND, key)).flatMap(r -> parse(r.key(), r.manifest()))
          .flatMap(io.driftless.model.helm.HelmObjects::parse).flatMap(EventSelection::chartSource).stream().toList();
    }
    return List.of();
  }

  private static Event.InvolvedObject ref(Kustomization ks) {
    Kustomization.SourceRef ref = ks.spec().sourceRef();
    String ns = ref.namespace() == null || ref.namespace().isBlank() ? ks.namespace() : ref.namespace();
    return new Event.InvolvedObject("", ref.kind(), ns, ref.name());
  }

  private static Optional<Event.InvolvedObject> chartSource(HelmObject o) {
    if (!(o instanceof HelmRelease hr)) {
      return Optional.empty();
    }
    if (hr.spec().chartRef() != null) {
      HelmRelease.CrossNamespaceRef ref = hr.spec().chartRef();
      return Optional.of(new Event.InvolvedObject("", ref.kind(), ref.namespaceOr(hr.namespace()), ref.name()));
    }
    if (hr.spec().chart() == null || hr.spec().chart().spec() == null) {
      return Optional.empty();
    }
    var ref = hr.spec().chart().spec().sourceRef();
    return Optional.of(new Event.InvolvedObject("", ref.kind(), ref.namespaceOr(hr.namespace()), ref.name()));
  }

  private static Optional<KubeObject> parse(String key, String manifest) {
    try {
      List<java.util.Map<String, Object>> docs = Yaml.readDocuments(key, manifest);
      return docs.size() == 1 ? Optional.of(new KubeObject(docs.get(0), key)) : Optional.empty();
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
