package io.driftless.build.kustomize;

import java.util.ArrayList;
import java.util.List;

/**
 * The rest of kustomize's built-in nameReference table: the fields outside pod templates, bindings
 * and webhooks that name another object (storage classes, priority classes, ingress classes,
 * persistent volumes, API services, RBAC resourceNames, ingress auth annotations...). Its
 * IngressClass entry names the group {@code networking.k8s.io/v1}, which no object has, so
 * kustomize never follows an ingressClassName; neither do we.
 */
final class NameReferenceTable {
  /** {@code referrer}'s field {@code path} names an object of kind {@code referral}. */
  record Entry(String referral, String referrer, String path) {}

  /** An annotation key whose value names the referral (the path is {@code metadata/annotations/KEY}). */
  static final String ANNOTATION = "metadata/annotations/";

  private static final List<String> POD_TEMPLATE_KINDS =
      List.of("StatefulSet", "Deployment", "ReplicationController", "Job", "DaemonSet");

  static final List<Entry> ENTRIES;

  static {
    List<Entry> e = new ArrayList<>();
    e.add(new Entry("ReplicationController", "HorizontalPodAutoscaler", "spec/scaleTargetRef/name"));
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
    e.add(new Entry("PriorityClass", "Pod", "spec/priorityClassName"));
    e.add(new Entry("PriorityClass", "CronJob", "spec/jobTemplate/spec/template/spec/priorityClassName"));
    for (String kind : POD_TEMPLATE_KINDS) {
      e.add(new Entry("PriorityClass", kind, "spec/template/spec/priorityClassName"));
    }
    ENTRIES = List.copyOf(e);
  }

  private NameReferenceTable() {}

  /** The paths in an object of kind {@code referrer} that name an object of kind {@code referral}. */
  static List<String> paths(String referral, String referrer) {
    List<String> out = new ArrayList<>();
    for (Entry e : ENTRIES) {
      if (e.referral.equals(referral) && e.referrer.equals(referrer)) {
        out.add(e.path);
      }
    }
    return out;
  }
}
