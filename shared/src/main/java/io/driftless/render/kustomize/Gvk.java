package io.driftless.render.kustomize;

import io.driftless.model.KubeObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Group, version and kind, with kustomize's legacy kind order and its list of cluster-scoped kinds. */
record Gvk(String group, String version, String kind) {
  private static final List<String> FIRST =
      List.of("Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition",
          "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
          "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange",
          "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
          "CronJob", "PodDisruptionBudget");
  private static final List<String> LAST =
      List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
  private static final Map<String, Integer> ORDER = new HashMap<>();
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("APIService", "CSIDriver", "CSINode", "CertificateSigningRequest", "ClusterRole",
          "ClusterRoleBinding", "ComponentStatus", "CustomResourceDefinition", "FlowSchema",
          "IngressClass", "MutatingWebhookConfiguration", "Namespace", "Node",
          "PersistentVolume", "PodSecurityPolicy", "PriorityClass", "PriorityLevelConfiguration",
          "RuntimeClass", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "StorageClass",
          "SubjectAccessReview", "TokenReview", "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "VolumeAttachment");

  static {
    for (int i = 0; i < FIRST.size(); i++) {
      ORDER.put(FIRST.get(i), i - FIRST.size());
    }
    for (int i = 0; i < LAST.size(); i++) {
      ORDER.put(LAST.get(i), i + 1);
    }
  }

  static Gvk of(KubeObject o) {
    return new Gvk(o.group(), o.version(), o.kind());
  }

  private static final Set<String> BUILTIN_GROUPS =
      Set.of("", "apps", "batch", "extensions", "policy", "autoscaling", "networking.k8s.io",
          "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io",
          "discovery.k8s.io", "node.k8s.io", "admissionregistration.k8s.io", "certificates.k8s.io",
          "apiextensions.k8s.io", "apiregistration.k8s.io", "events.k8s.io");

  /** Groups whose types kustomize knows the merge keys of. */
  static boolean builtinGroup(String group) {
    return BUILTIN_GROUPS.contains(group);
  }

  static boolean clusterScoped(String kind) {
    return CLUSTER_SCOPED.contains(kind);
  }

  int order() {
    return ORDER.getOrDefault(kind, 0);
  }

  @Override
  public String toString() {
    return (group.isEmpty() ? "~G" : group) + "_" + (version.isEmpty() ? "~V" : version) + "_"
        + (kind.isEmpty() ? "~K" : kind);
  }
}
