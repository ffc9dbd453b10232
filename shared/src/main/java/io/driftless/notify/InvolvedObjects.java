package io.driftless.notify;

import io.driftless.event.Event;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.record.HelmRecord;
import io.driftless.record.StateStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labels and annotations of an event's object, read from its manifest in the table (Flux reads
 * the object from the cluster; Driftless's Flux objects live in the table). An object not recorded
 * there (a GitRepository, or one already deleted) has none, so {@code matchLabels} do not match it.
 */
final class InvolvedObjects {
  private final StateStore store;

  InvolvedObjects(StateStore store) {
    this.store = store;
  }

  record Found(Map<String, String> labels, Map<String, String> annotations) {
    static final Found NONE = new Found(Map.of(), Map.of());
  }

  /** The object's labels and annotations, read from the table once and only when first asked for. */
  Lazy lazy(Event event) {
    return new Lazy(this, event);
  }

  static final class Lazy {
    private final InvolvedObjects objects;
    private final Event event;
    private Found found;

    private Lazy(InvolvedObjects objects, Event event) {
      this.objects = objects;
      this.event = event;
    }

    Map<String, String> labels() {
      return get().labels();
    }

    Map<String, String> annotations() {
      return get().annotations();
    }

    private Found get() {
      if (found == null) {
        found = objects.find(event);
      }
      return found;
    }
  }

  Found find(Event event) {
    Event.InvolvedObject o = event.involvedObject();
    Optional<String> manifest;
    if ("Kustomization".equals(o.kind())) {
      manifest = store.getKustomization(event.cluster(), o.namespace() + "/" + o.name()).map(r -> r.manifest());
    } else if (List.of("HelmRelease", "HelmRepository", "HelmChart", "OCIRepository").contains(o.kind())) {
      manifest = store.getHelmObject(event.cluster(), HelmRecord.keyOf(o.kind(), o.namespace(), o.name()))
          .map(HelmRecord::manifest);
    } else {
      manifest = Optional.empty();
    }
    if (manifest.isEmpty() || manifest.get() == null) {
      return Found.NONE;
    }
    try {
      List<Map<String, Object>> docs = Yaml.readDocuments(o.subject(), manifest.get());
      KubeObject k = new KubeObject(docs.get(0), o.subject());
      return new Found(k.labels(), k.annotations());
    } catch (RuntimeException unreadable) {
      return Found.NONE;
    }
  }
}
