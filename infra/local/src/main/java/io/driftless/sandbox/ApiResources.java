package io.driftless.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The resource types the sandbox serves: the built-in kinds plus every registered CRD version. */
final class ApiResources {
  private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
  private final Map<String, List<ResourceType>> byCrd = new LinkedHashMap<>();

  ApiResources() {
    core("namespaces", "Namespace", false, "ns");
    core("configmaps", "ConfigMap", true, "cm");
    core("secrets", "Secret", true);
    core("services", "Service", true, "svc");
    core("serviceaccounts", "ServiceAccount", true, "sa");
    core("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc");
    core("persistentvolumes", "PersistentVolume", false, "pv");
    core("resourcequotas", "ResourceQuota", true, "quota");
    core("limitranges", "LimitRange", true, "limits");
    core("pods", "Pod", true, "po");
    core("endpoints", "Endpoints", true, "ep");
    add("apps", "v1", "deployments", "Deployment", true, "deploy");
    add("apps", "v1", "statefulsets", "StatefulSet", true, "sts");
    add("apps", "v1", "daemonsets", "DaemonSet", true, "ds");
    add("apps", "v1", "replicasets", "ReplicaSet", true, "rs");
    add("batch", "v1", "jobs", "Job", true);
    add("batch", "v1", "cronjobs", "CronJob", true, "cj");
    add("networking.k8s.io", "v1", "ingresses", "Ingress", true, "ing");
    add("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false);
    add("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, "netpol");
    add("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, "sc");
    add("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, "pc");
    add("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", false);
    add("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, "pdb");
    String rbac = "rbac.authorization.k8s.io";
    add(rbac, "v1", "roles", "Role", true);
    add(rbac, "v1", "rolebindings", "RoleBinding", true);
    add(rbac, "v1", "clusterroles", "ClusterRole", false);
    add(rbac, "v1", "clusterrolebindings", "ClusterRoleBinding", false);
    add("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, "crd", "crds");
    add("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, "hpa");
    String admission = "admissionregistration.k8s.io";
    add(admission, "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false);
    add(admission, "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false);
  }

  private void core(String plural, String kind, boolean namespaced, String... shortNames) {
    add("", "v1", plural, kind, namespaced, shortNames);
  }

  private void add(String group, String version, String plural, String kind, boolean namespaced, String... shortNames) {
    put(new ResourceType(group, version, plural, kind, namespaced, List.of(shortNames)));
  }

  private void put(ResourceType t) {
    byPath.put(t.apiVersion() + "/" + t.plural(), t);
  }

  synchronized Optional<ResourceType> find(String apiVersion, String plural) {
    return Optional.ofNullable(byPath.get(apiVersion + "/" + plural));
  }

  synchronized Optional<ResourceType> byKind(String apiVersion, String kind) {
    return byPath.values().stream()
        .filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind))
        .findFirst();
  }

  /** Every type, one per group and resource: used to cascade a Namespace delete. */
  synchronized List<ResourceType> distinctTypes() {
    Map<String, ResourceType> seen = new LinkedHashMap<>();
    byPath.values().forEach(t -> seen.putIfAbsent(t.storageKey(), t));
    return new ArrayList<>(seen.values());
  }

  synchronized List<ResourceType> inGroupVersion(String apiVersion) {
    return byPath.values().stream().filter(t -> t.apiVersion().equals(apiVersion)).toList();
  }

  /** Group name to its versions, core group ("") first, in registration order. */
  synchronized Map<String, Set<String>> groups() {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    byPath.values().forEach(t -> groups.computeIfAbsent(t.group(), g -> new LinkedHashSet<>()).add(t.version()));
    return groups;
  }

  /** Serves every served version of a CustomResourceDefinition; replaces what it served before. */
  synchronized void register(JsonNode crd) {
    unregister(crd.path("metadata").path("name").asText());
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<String> shortNames = new ArrayList<>();
    names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
    boolean namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
    List<ResourceType> served = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      if (v.path("served").asBoolean(true)) {
        ResourceType t = new ResourceType(spec.path("group").asText(), v.path("name").asText(),
            names.path("plural").asText(), names.path("kind").asText(), namespaced, List.copyOf(shortNames));
        put(t);
        served.add(t);
      }
    }
    byCrd.put(crd.path("metadata").path("name").asText(), served);
  }

  synchronized List<ResourceType> unregister(String crdName) {
    List<ResourceType> removed = byCrd.remove(crdName);
    if (removed == null) {
      return List.of();
    }
    removed.forEach(t -> byPath.remove(t.apiVersion() + "/" + t.plural()));
    return removed;
  }
}
