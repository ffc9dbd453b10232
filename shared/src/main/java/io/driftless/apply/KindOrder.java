package io.driftless.apply;

import io.driftless.model.ObjectId;
import java.util.Comparator;
import java.util.List;

/** Flux's apply order: known kinds first in a fixed order, then unknown kinds, then webhooks. */
final class KindOrder {
  private static final List<String> FIRST = List.of("CustomResourceDefinition", "Namespace", "ClusterRole",
      "ClusterClass", "RuntimeClass", "PriorityClass", "StorageClass", "VolumeSnapshotClass", "IngressClass",
      "GatewayClass", "ClusterRoleBinding", "ResourceQuota", "ServiceAccount", "Role", "RoleBinding",
      "ConfigMap", "Secret", "Service", "LimitRange", "Deployment", "StatefulSet", "CronJob",
      "PodDisruptionBudget");
  private static final List<String> LAST = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

  /** Apply order; ties break on group, kind, namespace, name. Prune uses the reverse. */
  static final Comparator<ObjectId> APPLY = Comparator.comparingInt((ObjectId id) -> rank(id.kind()))
      .thenComparing(ObjectId::group).thenComparing(ObjectId::kind)
      .thenComparing(ObjectId::namespace).thenComparing(ObjectId::name);

  private KindOrder() {}

  static int rank(String kind) {
    int first = FIRST.indexOf(kind);
    if (first >= 0) {
      return first;
    }
    int last = LAST.indexOf(kind);
    return last >= 0 ? FIRST.size() + 1 + last : FIRST.size();
  }

  /** 1: CRDs, Namespaces, ClusterRoles; 2: kinds ending in "Class"; 3: everything else. */
  static int stage(ObjectId id) {
    boolean first = (id.kind().equals("CustomResourceDefinition") && id.group().equals("apiextensions.k8s.io"))
        || (id.kind().equals("Namespace") && id.group().isEmpty())
        || (id.kind().equals("ClusterRole") && id.group().equals("rbac.authorization.k8s.io"));
    if (first) {
      return 1;
    }
    return id.kind().endsWith("Class") ? 2 : 3;
  }
}
