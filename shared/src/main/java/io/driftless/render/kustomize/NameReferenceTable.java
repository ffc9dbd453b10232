package io.driftless.render.kustomize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize's built-in nameReference table: which field of which kind names an object of another
 * kind. Only the kinds listed refer (a ReplicaSet's serviceAccountName or an ephemeral container's
 * envFrom is not followed, as in kustomize). Its IngressClass entry names the group
 * {@code networking.k8s.io/v1}, which no object has, so kustomize never follows an
 * ingressClassName; neither do we. Bindings, webhooks and roleRef are handled in
 * {@link NameReferences}.
 */
final class NameReferenceTable {
  /** {@code referrer}'s field {@code path} names an object of kind {@code referral}. */
  record Entry(String referral, String referrer, String path) {}

  /** An annotation key whose value names the referral (the path is {@code metadata/annotations/KEY}). */
  static final String ANNOTATION = "metadata/annotations/";

  /** Where each workload kind keeps its pod spec. */
  private static final List<String[]> POD_SPECS = List.of(
      new String[] {"Pod", "spec"}, new String[] {"Deployment", "spec/template/spec"},
      new String[] {"ReplicaSet", "spec/template/spec"}, new String[] {"DaemonSet", "spec/template/spec"},
      new String[] {"StatefulSet", "spec/template/spec"}, new String[] {"Job", "spec/template/spec"},
      new String[] {"CronJob", "spec/jobTemplate/spec/template/spec"},
      new String[] {"ReplicationController", "spec/template/spec"});
  /** Kinds whose service account, claims and priority class are followed (no ReplicaSet). */
  private static final List<String> SA_KINDS = List.of("Pod", "Deployment", "DaemonSet",
      "StatefulSet", "Job", "CronJob", "ReplicationController");
  /** Kinds whose config maps and secrets are followed (no ReplicationController). */
  private static final List<String> CONFIG_KINDS =
      List.of("Pod", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "CronJob");

  static final List<Entry> ENTRIES;

  static {
    List<Entry> e = new ArrayList<>();
    for (String[] pod : POD_SPECS) {
      String kind = pod[0];
      String at = pod[1] + "/";
      if (CONFIG_KINDS.contains(kind)) {
        for (String c : List.of("containers[]/", "initContainers[]/")) {
          e.add(new Entry("ConfigMap", kind, at + c + "env[]/valueFrom/configMapKeyRef/name"));
          e.add(new Entry("ConfigMap", kind, at + c + "envFrom[]/configMapRef/name"));
          e.add(new Entry("Secret", kind, at + c + "env[]/valueFrom/secretKeyRef/name"));
          e.add(new Entry("Secret", kind, at + c + "envFrom[]/secretRef/name"));
        }
        e.add(new Entry("ConfigMap", kind, at + "volumes[]/configMap/name"));
        e.add(new Entry("ConfigMap", kind, at + "volumes[]/projected/sources[]/configMap/name"));
        e.add(new Entry("Secret", kind, at + "volumes[]/secret/secretName"));
        e.add(new Entry("Secret", kind, at + "volumes[]/projected/sources[]/secret/name"));
        e.add(new Entry("Secret", kind, at + "imagePullSecrets[]/name"));
      }
      if (SA_KINDS.contains(kind)) {
        e.add(new Entry("ServiceAccount", kind, at + "serviceAccountName"));
        e.add(new Entry("PersistentVolumeClaim", kind, at + "volumes[]/persistentVolumeClaim/claimName"));
        e.add(new Entry("PriorityClass", kind, at + "priorityClassName"));
      }
    }
    for (String workload : List.of("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")) {
      e.add(new Entry(workload, "HorizontalPodAutoscaler", "spec/scaleTargetRef/name"));
    }
    // a Knative Service's secretKeyRef (kustomize 5.5 lists no ConfigMap field of it)
    e.add(new Entry("Secret", "Service", "spec/template/spec/containers[]/env[]/valueFrom/secretKeyRef/name"));
    e.add(new Entry("Secret", "Ingress", "spec/tls[]/secretName"));
    e.add(new Entry("Secret", "ServiceAccount", "imagePullSecrets[]/name"));
    e.add(new Entry("Service", "StatefulSet", "spec/serviceName"));
    e.add(new Entry("Service", "Ingress", "spec/rules[]/http/paths[]/backend/service/name"));
    e.add(new Entry("Service", "Ingress", "spec/defaultBackend/service/name"));
    e.add(new Entry("ConfigMap", "Role", "rules[]/resourceNames"));
    e.add(new Entry("ConfigMap", "ClusterRole", "rules[]/resourceNames"));
    e.add(new Entry("ConfigMap", "Ingress",
        ANNOTATION + "nginx.ingress.kubernetes.io/fastcgi-params-configmap"));
    e.add(new Entry("Secret", "Ingress", ANNOTATION + "ingress.kubernetes.io/auth-secret"));
    e.add(new Entry("Secret", "Ingress", ANNOTATION + "nginx.ingress.kubernetes.io/auth-secret"));
    e.add(new Entry("Secret", "Ingress", ANNOTATION + "nginx.ingress.kubernetes.io/auth-tls-secret"));
    for (String p : List.of("secretName", "adminSecretName", "userSecretName", "secretRef")) {
      e.add(new Entry("Secret", "StorageClass", "parameters/" + p));
    }
    e.add(new Entry("Secret", "Role", "rules[]/resourceNames"));
    e.add(new Entry("Secret", "ClusterRole", "rules[]/resourceNames"));
    e.add(new Entry("Secret", "PersistentVolume", "spec/azureFile/secretName"));
    e.add(new Entry("Service", "Ingress", "spec/rules[]/http/paths[]/backend/serviceName"));
    e.add(new Entry("Service", "Ingress", "spec/backend/serviceName"));
    e.add(new Entry("Service", "APIService", "spec/service/name"));
    e.add(new Entry("PersistentVolume", "PersistentVolumeClaim", "spec/volumeName"));
    e.add(new Entry("PersistentVolume", "ClusterRole", "rules[]/resourceNames"));
    e.add(new Entry("StorageClass", "PersistentVolume", "spec/storageClassName"));
    e.add(new Entry("StorageClass", "PersistentVolumeClaim", "spec/storageClassName"));
    e.add(new Entry("StorageClass", "StatefulSet", "spec/volumeClaimTemplates[]/spec/storageClassName"));
    e.add(new Entry("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "spec/policyName"));
    ENTRIES = List.copyOf(e);
  }

  private NameReferenceTable() {}

  private static final Map<String, List<String>> BY_KINDS = new HashMap<>();

  static {
    for (Entry e : ENTRIES) {
      BY_KINDS.computeIfAbsent(e.referral + "/" + e.referrer, k -> new ArrayList<>()).add(e.path);
    }
  }

  /** The paths in an object of kind {@code referrer} that name an object of kind {@code referral}. */
  static List<String> paths(String referral, String referrer) {
    return new ArrayList<>(BY_KINDS.getOrDefault(referral + "/" + referrer, List.of()));
  }
}
