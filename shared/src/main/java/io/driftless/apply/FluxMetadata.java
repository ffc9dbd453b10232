package io.driftless.apply;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/** The kustomize.toolkit.fluxcd.io labels and annotations that change apply and prune. */
final class FluxMetadata {
  static final String RECONCILE = "kustomize.toolkit.fluxcd.io/reconcile";
  static final String SSA = "kustomize.toolkit.fluxcd.io/ssa";
  static final String PRUNE = "kustomize.toolkit.fluxcd.io/prune";
  static final String FORCE = "kustomize.toolkit.fluxcd.io/force";

  private FluxMetadata() {}

  /** A label or annotation {@code key} equal to {@code value} ignoring case, as Flux matches. */
  static boolean has(ObjectMeta meta, String key, String value) {
    return meta != null && (matches(meta.getLabels(), key, value) || matches(meta.getAnnotations(), key, value));
  }

  private static boolean matches(Map<String, String> map, String key, String value) {
    return map != null && map.get(key) != null && map.get(key).equalsIgnoreCase(value);
  }
}
