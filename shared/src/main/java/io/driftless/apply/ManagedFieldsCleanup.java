package io.driftless.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flux's metadata cleanup before apply: fields owned by kubectl (or set before the first apply)
 * are taken over by our field manager and kubectl's last-applied annotation is dropped, so that
 * the next server-side apply reverts {@code kubectl edit} and {@code kubectl apply} changes.
 */
final class ManagedFieldsCleanup {
  private static final Set<String> TAKEN_OVER = Set.of("kubectl/Apply", "kubectl/Update",
      "kubectl-edit/Update", "kubectl-client-side-apply/Update", "before-first-apply/Update");
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final KubernetesClient client;

  ManagedFieldsCleanup(KubernetesClient client) {
    this.client = client;
  }

  /** True when the live object has kubectl's fields or last-applied annotation to clean up. */
  boolean needed(GenericKubernetesResource live) {
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    return (entries != null && entries.stream().anyMatch(ManagedFieldsCleanup::foreign))
        || (annotations != null && annotations.containsKey(LAST_APPLIED));
  }

  /** Patches the live object when it has something to clean up; returns the object as it is now. */
  GenericKubernetesResource cleanup(GenericKubernetesResource live) {
    if (!needed(live)) {
      return live;
    }
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
    boolean takeOver = entries != null && entries.stream().anyMatch(ManagedFieldsCleanup::foreign);
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    List<Map<String, Object>> patch = new ArrayList<>();
    if (takeOver) {
      patch.add(Map.of("op", "replace", "path", "/metadata/managedFields", "value", takenOver(live, entries)));
    }
    if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
      patch.add(Map.of("op", "remove", "path", "/metadata/annotations/" + LAST_APPLIED.replace("/", "~1")));
    }
    return client.resource(live).patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(patch));
  }

  /**
   * The fields our manager owns on the live object ({@code fieldsV1}); with {@code afterCleanup}, as they
   * would be once {@link #cleanup} took kubectl's over (detect-only mode, which writes nothing).
   */
  Map<String, Object> owned(GenericKubernetesResource live, boolean afterCleanup) {
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
    if (entries == null) {
      return new LinkedHashMap<>();
    }
    if (afterCleanup && entries.stream().anyMatch(ManagedFieldsCleanup::foreign)) {
      return takenOver(live, entries).stream().filter(ManagedFieldsCleanup::ours)
          .map(m -> asMap(m.get("fieldsV1"))).findFirst().orElseGet(LinkedHashMap::new);
    }
    return entries.stream().filter(e -> ours(asMap(e))).map(e -> asMap(e.getFieldsV1()))
        .findFirst().orElseGet(LinkedHashMap::new);
  }

  private static boolean ours(Map<String, Object> entry) {
    return ResourceManager.FIELD_MANAGER.equals(entry.get("manager")) && "Apply".equals(entry.get("operation"));
  }

  private List<Map<String, Object>> takenOver(GenericKubernetesResource live, List<ManagedFieldsEntry> entries) {
    List<Map<String, Object>> kept = new ArrayList<>();
    Map<String, Object> ours = null;
    Map<String, Object> fields = new LinkedHashMap<>();
    for (ManagedFieldsEntry e : entries) {
      Map<String, Object> m = asMap(e);
      if (foreign(e)) {
        merge(fields, asMap(m.get("fieldsV1")));
      } else if (ResourceManager.FIELD_MANAGER.equals(e.getManager()) && "Apply".equals(e.getOperation())) {
        ours = m;
        kept.add(m);
      } else {
        kept.add(m);
      }
    }
    if (ours == null) {
      ours = new LinkedHashMap<>(Map.of("manager", ResourceManager.FIELD_MANAGER, "operation", "Apply",
          "apiVersion", live.getApiVersion(), "fieldsType", "FieldsV1"));
      kept.add(ours);
    }
    merge(fields, asMap(ours.get("fieldsV1")));
    ours.put("fieldsV1", fields);
    ours.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return kept;
  }

  private static boolean foreign(ManagedFieldsEntry e) {
    return TAKEN_OVER.contains(e.getManager() + "/" + e.getOperation());
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach((k, v) -> {
      if (into.get(k) instanceof Map<?, ?> a && v instanceof Map<?, ?> b) {
        merge((Map<String, Object>) a, (Map<String, Object>) b);
      } else {
        into.put(k, v);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(Object o) {
    return o == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(client.getKubernetesSerialization().convertValue(o, Map.class));
  }
}
