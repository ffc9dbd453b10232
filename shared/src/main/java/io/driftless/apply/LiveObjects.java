package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.driftless.model.ObjectId;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live objects of one apply stage, read in bulk: one LIST per kind and namespace, filtered by the
 * owner labels the objects carry (one LIST per kind across namespaces when a kind spans more than
 * {@link #NAMESPACES_PER_KIND} namespaces). An object missing from its list does not exist with those
 * labels, so it is created without a GET. Objects that no list covers (a LIST was refused, or a namespaced
 * object names no namespace) are left to a GET of their own. A list whose objects the last apply did not
 * record (a first apply, or a kind new to the Kustomization) is served from the API server's watch
 * cache ({@code resourceVersion=0}) instead of etcd: what it finds is compared and applied as any other
 * live object, and an object it misses is applied anyway, so its staleness of milliseconds costs nothing.
 */
final class LiveObjects {
  static final int NAMESPACES_PER_KIND = 3;
  private static final List<List<String>> OWNER_LABELS = List.of(
      List.of(OwnerLabels.NAME_LABEL, OwnerLabels.NAMESPACE_LABEL),
      List.of(OwnerLabels.HELM_NAME_LABEL, OwnerLabels.HELM_NAMESPACE_LABEL));

  private final Map<ObjectId, GenericKubernetesResource> found = new HashMap<>();
  private final Set<ObjectId> covered = new HashSet<>();
  private final Set<ObjectId> labelled = new HashSet<>();

  private record Kind(String apiVersion, String kind, Map<String, String> selector) {}

  private LiveObjects() {}

  /** Lists what exists of {@code objects}; {@code served} tells which kinds are namespaced. */
  static LiveObjects read(KubernetesClient client, ServedKinds served, List<KubeObject> objects, ApplyOptions options) {
    LiveObjects live = new LiveObjects();
    Map<Kind, Map<String, List<KubeObject>>> byKind = new LinkedHashMap<>();
    for (KubeObject o : objects) {
      Optional<Boolean> namespaced = served.namespaced(o);
      if (namespaced.isEmpty() || (namespaced.get() && o.namespace().isEmpty())) {
        continue;
      }
      Map<String, String> selector = selector(o);
      if (!selector.isEmpty()) {
        live.labelled.add(o.id());
      }
      byKind.computeIfAbsent(new Kind(o.apiVersion(), o.kind(), selector), k -> new LinkedHashMap<>())
          .computeIfAbsent(namespaced.get() ? o.namespace() : "", n -> new ArrayList<>()).add(o);
    }
    byKind.forEach((kind, namespaces) -> {
      if (!kind.selector().isEmpty() && namespaces.size() > NAMESPACES_PER_KIND) {
        live.list(client, kind, null, namespaces.values().stream().flatMap(List::stream).toList(), options);
      } else {
        namespaces.forEach((ns, members) -> live.list(client, kind, ns, members, options));
      }
    });
    return live;
  }

  /** True when a list covered the object: {@link #get} then answers without a request. */
  boolean covers(ObjectId id) {
    return covered.contains(id);
  }

  /** True when the object was looked for by its owner labels: it may exist without them. */
  boolean byLabels(ObjectId id) {
    return labelled.contains(id);
  }

  /** The live object, or null when its list did not hold it. */
  GenericKubernetesResource get(ObjectId id) {
    return found.get(id);
  }

  private void list(KubernetesClient client, Kind kind, String namespace, List<KubeObject> members, ApplyOptions options) {
    var resources = client.genericKubernetesResources(kind.apiVersion(), kind.kind());
    List<GenericKubernetesResource> items;
    try {
      var scoped = namespace == null ? resources.inAnyNamespace()
          : namespace.isEmpty() ? resources : resources.inNamespace(namespace);
      var selected = kind.selector().isEmpty() ? scoped : scoped.withLabels(kind.selector());
      boolean fromCache = options.noneRecorded(members.stream().map(KubeObject::id).toList());
      String ksNamespace = kind.selector().get(OwnerLabels.NAMESPACE_LABEL);
      if (fromCache && options.wave() != null && ksNamespace != null && namespace != null && !namespace.isEmpty()) {
        items = options.wave().of(client, kind.apiVersion(), kind.kind(), namespace, ksNamespace).stream()
            .filter(item -> carries(item, kind.selector()))
            .map(item -> client.getKubernetesSerialization().convertValue(item, GenericKubernetesResource.class))
            .toList(); // copies: the wave's listing is shared by its applies
      } else {
        items = (fromCache ? selected.list(new ListOptionsBuilder().withResourceVersion("0").build()) : selected.list())
            .getItems();
      }
    } catch (KubernetesClientException e) {
      return;
    }
    Map<ObjectId, KubeObject> wanted = new HashMap<>();
    members.forEach(o -> wanted.put(o.id(), o));
    for (GenericKubernetesResource item : items) {
      String ns = item.getMetadata().getNamespace();
      KubeObject member = members.get(0);
      ObjectId id = new ObjectId(member.group(), kind.kind(), ns == null ? "" : ns, item.getMetadata().getName());
      if (wanted.containsKey(id)) {
        item.setApiVersion(kind.apiVersion());
        item.setKind(kind.kind());
        found.put(id, item);
      }
    }
    covered.addAll(wanted.keySet());
  }

  private static boolean carries(GenericKubernetesResource item, Map<String, String> labels) {
    Map<String, String> has = item.getMetadata().getLabels();
    return has != null && labels.entrySet().stream().allMatch(e -> e.getValue().equals(has.get(e.getKey())));
  }

  /** The owner labels the object carries, as a selector; empty when it carries none. */
  private static Map<String, String> selector(KubeObject o) {
    Map<String, String> labels = o.labels();
    for (List<String> pair : OWNER_LABELS) {
      if (labels.get(pair.get(0)) != null && labels.get(pair.get(1)) != null) {
        return Map.of(pair.get(0), labels.get(pair.get(0)), pair.get(1), labels.get(pair.get(1)));
      }
    }
    return Map.of();
  }
}
