package io.driftless.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live objects of one kind in one namespace that carry a Kustomization namespace's owner label,
 * listed once (from the API server's watch cache) and shared by every first apply of one wave on one
 * cluster: a fleet of 1,000 new Kustomizations in one namespace reads it once per kind instead of
 * once per Kustomization. Only objects no earlier apply recorded are looked up here; each Kustomization
 * finds its own by its name label. An object the listing misses (created during the wave) is applied
 * anyway; one it holds is compared and written as a listed object is, and a change made to it by
 * hand during the wave is corrected by its next drift check, which lists from etcd.
 */
public final class WaveListings {
  private record Key(KubernetesClient client, String apiVersion, String kind, String namespace, String ksNamespace) {}

  private final Map<Key, List<GenericKubernetesResource>> listed = new ConcurrentHashMap<>();

  /** The objects of {@code apiVersion} {@code kind} in {@code namespace} labelled as applied from Kustomizations of {@code ksNamespace}. */
  List<GenericKubernetesResource> of(KubernetesClient client, String apiVersion, String kind, String namespace,
      String ksNamespace) {
    return listed.computeIfAbsent(new Key(client, apiVersion, kind, namespace, ksNamespace), k ->
        List.copyOf(client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace)
            .withLabel(OwnerLabels.NAMESPACE_LABEL, ksNamespace)
            .list(new ListOptionsBuilder().withResourceVersion("0").build()).getItems()));
  }
}
