package io.driftless.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Small helpers to name fabric8 objects the way change sets and errors do. */
final class KubeObjects {
  private KubeObjects() {}

  static String subject(GenericKubernetesResource r) {
    String ns = r.getMetadata().getNamespace();
    return r.getKind() + "/" + (ns == null || ns.isEmpty() ? "" : ns + "/") + r.getMetadata().getName();
  }
}
