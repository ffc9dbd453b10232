package io.driftless.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.driftless.model.Condition;
import io.driftless.model.FluxStatus;
import io.driftless.model.InventoryEntry;
import io.driftless.model.Yaml;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.SourceRecord;
import io.driftless.model.Redact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flux objects Driftless keeps in its table, as the documents {@code kubectl get -o json} would
 * show were they in the cluster: {@code apiVersion}, {@code kind}, {@code metadata}, the {@code spec}
 * found in Git ({@code suspend: true} when the table marks it suspended) and the {@code status}
 * Driftless recorded in Flux's shape ({@code inventory.entries}, {@code conditions}, ...), plus a
 * {@code driftless} block saying where it lives (cluster, root, parent Kustomization). One shape for
 * {@code driftless get -o json|yaml}, {@code export} (without status) and the web UI.
 */
public final class FluxObjectDocuments {
  /** The block Driftless adds beside metadata: {@code cluster}, {@code root}, {@code parent}, {@code lastReconciledAt}. */
  public static final String DRIFTLESS = "driftless";

  private FluxObjectDocuments() {}

  public static Map<String, Object> of(KustomizationRecord r) {
    Map<String, Object> doc = fromManifest(r.key(), r.manifest(), r.suspended());
    doc.put("status", status(r.status()));
    doc.put(DRIFTLESS, where(r.cluster(), r.root(), r.parent(), r.lastReconciledAt()));
    return doc;
  }

  public static Map<String, Object> of(HelmRecord r) {
    Map<String, Object> doc = fromManifest(r.key(), r.manifest(), r.suspended());
    doc.put("status", status(r.status()));
    doc.put(DRIFTLESS, where(r.cluster(), r.root(), r.parent(), r.lastReconciledAt()));
    return doc;
  }

  /** A GitRepository of a root on {@code cluster}: Ready with its artifact once a revision was fetched. */
  public static Map<String, Object> of(SourceRecord r, String cluster) {
    Map<String, Object> doc = fromManifest(r.key(), r.manifest(), r.suspended());
    Map<String, Object> status = new LinkedHashMap<>();
    gitReady(r).ifPresent(c -> status.put("conditions", List.of(condition(c))));
    if (r.lastRevision() != null) {
      Map<String, Object> artifact = new LinkedHashMap<>();
      artifact.put("revision", r.lastRevision());
      putIfPresent(artifact, "lastUpdateTime", r.lastFetchedAt());
      status.put("artifact", artifact);
    }
    doc.put("status", status);
    doc.put(DRIFTLESS, where(cluster, r.root(), "", r.lastFetchedAt()));
    return doc;
  }

  /** The Ready condition source-controller would show for a GitRepository: set once a revision was stored. */
  public static Optional<Condition> gitReady(SourceRecord s) {
    return s.lastRevision() == null ? Optional.empty()
        : Optional.of(new Condition(Condition.READY, Condition.TRUE, "Succeeded",
            "stored artifact for revision '" + s.lastRevision() + "'", s.lastFetchedAt()));
  }

  /** The document as {@code flux export} prints it: no status, no Driftless block, metadata name, namespace, labels, annotations. */
  public static Map<String, Object> exported(Map<String, Object> doc) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", doc.get("apiVersion"));
    out.put("kind", doc.get("kind"));
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (doc.get("metadata") instanceof Map<?, ?> m) {
      for (String field : List.of("name", "namespace", "labels", "annotations")) {
        if (m.get(field) != null) {
          metadata.put(field, m.get(field));
        }
      }
    }
    out.put("metadata", metadata);
    if (doc.containsKey("spec")) {
      out.put("spec", doc.get("spec"));
    }
    return out;
  }

  /** Several documents as kubectl lists them: {@code apiVersion: v1, kind: List, items}. */
  public static Map<String, Object> list(List<Map<String, Object>> items) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", items);
    return list;
  }

  public static String json(Object document) {
    try {
      return Redact.url(Yaml.json().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the document as JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String yaml(Object document) {
    return Redact.url(Yaml.write(document));
  }

  private static Map<String, Object> fromManifest(String key, String manifest, boolean suspendedInTable) {
    Map<String, Object> doc = new LinkedHashMap<>();
    List<Map<String, Object>> docs;
    try {
      docs = Yaml.readDocuments(key, manifest == null ? "" : manifest);
    } catch (RuntimeException unreadable) {
      docs = List.of();
    }
    if (docs.size() == 1) {
      doc.putAll(docs.get(0));
    }
    if (suspendedInTable) {
      Map<String, Object> spec = doc.get("spec") instanceof Map<?, ?> m ? copy(m) : new LinkedHashMap<>();
      spec.put("suspend", true);
      doc.put("spec", spec);
    }
    return doc;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<?, ?> m) {
    return new LinkedHashMap<>((Map<String, Object>) m);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(FluxStatus status) {
    if (status == null) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> out = new LinkedHashMap<>(Yaml.json().convertValue(status, Map.class));
    out.remove("ready");
    out.values().removeIf(v -> v == null);
    out.put("conditions", status.getConditions().stream().map(FluxObjectDocuments::condition).toList());
    List<Map<String, Object>> entries = new ArrayList<>();
    for (InventoryEntry e : status.getInventory()) {
      entries.add(new LinkedHashMap<>(Map.of("id", e.id(), "v", e.v() == null ? "" : e.v())));
    }
    out.put("inventory", Map.of("entries", entries));
    return out;
  }

  private static Map<String, Object> condition(Condition c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", c.type());
    out.put("status", c.status());
    putIfPresent(out, "reason", c.reason());
    putIfPresent(out, "message", c.message());
    putIfPresent(out, "lastTransitionTime", c.lastTransitionTime());
    return out;
  }

  private static Map<String, Object> where(String cluster, String root, String parent, String lastReconciledAt) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster", cluster);
    putIfPresent(out, "root", root);
    putIfPresent(out, "parent", parent == null || parent.isEmpty() ? null : parent);
    putIfPresent(out, "lastReconciledAt", lastReconciledAt);
    return out;
  }

  private static void putIfPresent(Map<String, Object> out, String key, String value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
