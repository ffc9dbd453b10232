package io.driftless.render.kustomize;

import java.util.ArrayList;
import java.util.List;

/** kustomize's default field specs for labels, annotations, images and replicas. */
final class BuiltinFieldSpecs {
  private BuiltinFieldSpecs() {}

  static final List<FieldSpec> TEMPLATE_LABELS = List.of(
      FieldSpec.of("", "ReplicationController", "spec/template/metadata/labels", true),
      FieldSpec.of(null, "Deployment", "spec/template/metadata/labels", true),
      FieldSpec.of(null, "ReplicaSet", "spec/template/metadata/labels", true),
      FieldSpec.of(null, "DaemonSet", "spec/template/metadata/labels", true),
      FieldSpec.of("apps", "StatefulSet", "spec/template/metadata/labels", true),
      FieldSpec.of("batch", "Job", "spec/template/metadata/labels", true),
      FieldSpec.of("batch", "CronJob", "spec/jobTemplate/metadata/labels", true),
      FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/labels", true));

  static final List<FieldSpec> SELECTORS;

  static {
    List<FieldSpec> s = new ArrayList<>();
    s.add(FieldSpec.of("", "Service", "spec/selector", true));
    s.add(FieldSpec.of("", "ReplicationController", "spec/selector", true));
    s.add(FieldSpec.of(null, "Deployment", "spec/selector/matchLabels", true));
    String[] affinity = {
        "podAffinity/preferredDuringSchedulingIgnoredDuringExecution[]/podAffinityTerm",
        "podAffinity/requiredDuringSchedulingIgnoredDuringExecution[]",
        "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution[]/podAffinityTerm",
        "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution[]"};
    for (String a : affinity) {
      s.add(FieldSpec.of("apps", "Deployment",
          "spec/template/spec/affinity/" + a + "/labelSelector/matchLabels", false));
    }
    s.add(FieldSpec.of("apps", "Deployment",
        "spec/template/spec/topologySpreadConstraints[]/labelSelector/matchLabels", false));
    s.add(FieldSpec.of(null, "ReplicaSet", "spec/selector/matchLabels", true));
    s.add(FieldSpec.of(null, "DaemonSet", "spec/selector/matchLabels", true));
    s.add(FieldSpec.of("apps", "StatefulSet", "spec/selector/matchLabels", true));
    for (String a : affinity) {
      s.add(FieldSpec.of("apps", "StatefulSet",
          "spec/template/spec/affinity/" + a + "/labelSelector/matchLabels", false));
    }
    s.add(FieldSpec.of("apps", "StatefulSet",
        "spec/template/spec/topologySpreadConstraints[]/labelSelector/matchLabels", false));
    s.add(FieldSpec.of("apps", "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true));
    s.add(FieldSpec.of("batch", "Job", "spec/selector/matchLabels", false));
    s.add(FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/selector/matchLabels", false));
    s.add(FieldSpec.of("policy", "PodDisruptionBudget", "spec/selector/matchLabels", false));
    s.add(FieldSpec.of("networking.k8s.io", "NetworkPolicy", "spec/podSelector/matchLabels", false));
    s.add(FieldSpec.of("networking.k8s.io", "NetworkPolicy",
        "spec/ingress[]/from[]/podSelector/matchLabels", false));
    s.add(FieldSpec.of("networking.k8s.io", "NetworkPolicy",
        "spec/egress[]/to[]/podSelector/matchLabels", false));
    SELECTORS = List.copyOf(s);
  }

  static final List<FieldSpec> TEMPLATE_ANNOTATIONS = List.of(
      FieldSpec.of("", "ReplicationController", "spec/template/metadata/annotations", true),
      FieldSpec.of(null, "Deployment", "spec/template/metadata/annotations", true),
      FieldSpec.of(null, "ReplicaSet", "spec/template/metadata/annotations", true),
      FieldSpec.of(null, "DaemonSet", "spec/template/metadata/annotations", true),
      FieldSpec.of("apps", "StatefulSet", "spec/template/metadata/annotations", true),
      FieldSpec.of("batch", "Job", "spec/template/metadata/annotations", true),
      FieldSpec.of("batch", "CronJob", "spec/jobTemplate/metadata/annotations", true),
      FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/annotations", true));

  static final List<FieldSpec> NAMESPACE = List.of(
      FieldSpec.of(null, "Namespace", "metadata/name", true),
      FieldSpec.of("apiregistration.k8s.io", "APIService", "spec/service/namespace", true),
      FieldSpec.of("apiextensions.k8s.io", "CustomResourceDefinition",
          "spec/conversion/webhook/clientConfig/service/namespace", false));

  /** Where kustomize expands {@code $(VAR)} by default (its varReference configuration). */
  static final List<FieldSpec> VAR_REFERENCE = List.of(
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/spec/containers/args", false),
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/spec/containers/command", false),
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/spec/containers/env/value", false),
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/spec/containers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/spec/initContainers/args", false),
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/spec/initContainers/command", false),
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/spec/initContainers/env/value", false),
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/spec/initContainers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "CronJob", "spec/jobTemplate/spec/template/volumes/nfs/server", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/containers/args", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/containers/command", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/containers/env/value", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/containers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/initContainers/args", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/initContainers/command", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/initContainers/env/value", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/initContainers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "DaemonSet", "spec/template/spec/volumes/nfs/server", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/containers/args", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/containers/command", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/containers/env/value", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/containers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/initContainers/args", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/initContainers/command", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/initContainers/env/value", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/initContainers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "Deployment", "spec/template/spec/volumes/nfs/server", false),
      FieldSpec.of(null, "Deployment", "spec/template/metadata/annotations", false),
      FieldSpec.of(null, "Ingress", "spec/rules/host", false),
      FieldSpec.of(null, "Ingress", "spec/tls/hosts", false),
      FieldSpec.of(null, "Ingress", "spec/tls/secretName", false),
      FieldSpec.of(null, "Job", "spec/template/spec/containers/args", false),
      FieldSpec.of(null, "Job", "spec/template/spec/containers/command", false),
      FieldSpec.of(null, "Job", "spec/template/spec/containers/env/value", false),
      FieldSpec.of(null, "Job", "spec/template/spec/containers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "Job", "spec/template/spec/initContainers/args", false),
      FieldSpec.of(null, "Job", "spec/template/spec/initContainers/command", false),
      FieldSpec.of(null, "Job", "spec/template/spec/initContainers/env/value", false),
      FieldSpec.of(null, "Job", "spec/template/spec/initContainers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "Job", "spec/template/spec/volumes/nfs/server", false),
      FieldSpec.of(null, "Pod", "spec/containers/args", false),
      FieldSpec.of(null, "Pod", "spec/containers/command", false),
      FieldSpec.of(null, "Pod", "spec/containers/env/value", false),
      FieldSpec.of(null, "Pod", "spec/containers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "Pod", "spec/initContainers/args", false),
      FieldSpec.of(null, "Pod", "spec/initContainers/command", false),
      FieldSpec.of(null, "Pod", "spec/initContainers/env/value", false),
      FieldSpec.of(null, "Pod", "spec/initContainers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "Pod", "spec/volumes/nfs/server", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/containers/args", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/containers/command", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/containers/env/value", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/containers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/initContainers/args", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/initContainers/command", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/initContainers/env/value", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/initContainers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "ReplicaSet", "spec/template/spec/volumes/nfs/server", false),
      FieldSpec.of(null, "Service", "spec/ports/port", false),
      FieldSpec.of(null, "Service", "spec/ports/targetPort", false),
      FieldSpec.of(null, "StatefulSet", "spec/template/spec/containers/args", false),
      FieldSpec.of(null, "StatefulSet", "spec/template/spec/containers/command", false),
      FieldSpec.of(null, "StatefulSet", "spec/template/spec/containers/env/value", false),
      FieldSpec.of(null, "StatefulSet", "spec/template/spec/containers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "StatefulSet", "spec/template/spec/initContainers/args", false),
      FieldSpec.of(null, "StatefulSet", "spec/template/spec/initContainers/command", false),
      FieldSpec.of(null, "StatefulSet", "spec/template/spec/initContainers/env/value", false),
      FieldSpec.of(null, "StatefulSet", "spec/template/spec/initContainers/volumeMounts/mountPath", false),
      FieldSpec.of(null, "StatefulSet", "spec/volumeClaimTemplates/spec/nfs/server", false),
      FieldSpec.of(null, "PersistentVolume", "spec/nfs/server", false),
      FieldSpec.of(null, null, "metadata/labels", false),
      FieldSpec.of(null, null, "metadata/annotations", false));


  static final List<FieldSpec> REPLICAS = List.of(
      FieldSpec.of(null, "Deployment", "spec/replicas", true),
      FieldSpec.of(null, "ReplicationController", "spec/replicas", true),
      FieldSpec.of(null, "ReplicaSet", "spec/replicas", true),
      FieldSpec.of(null, "StatefulSet", "spec/replicas", true));

  /** commonLabels / labels with includeSelectors: everything. */
  static List<FieldSpec> commonLabels() {
    List<FieldSpec> all = new ArrayList<>();
    all.add(FieldSpec.all("metadata/labels", true));
    all.addAll(SELECTORS);
    all.addAll(TEMPLATE_LABELS);
    return all;
  }

  static List<FieldSpec> commonAnnotations() {
    List<FieldSpec> all = new ArrayList<>();
    all.add(FieldSpec.all("metadata/annotations", true));
    all.addAll(TEMPLATE_ANNOTATIONS);
    return all;
  }
}
