package io.driftless.apply;

import io.driftless.model.KubeObject;
import java.util.Map;

/**
 * The two labels that mark an object as applied by one Flux object, and the test prune uses:
 * kustomize-controller's for a Kustomization, helm-controller's ({@link #helm}) for a HelmRelease.
 */
public record OwnerLabels(String name, String namespace, String nameLabel, String namespaceLabel) {
  public static final String NAME_LABEL = "kustomize.toolkit.fluxcd.io/name";
  public static final String NAMESPACE_LABEL = "kustomize.toolkit.fluxcd.io/namespace";
  public static final String HELM_NAME_LABEL = "helm.toolkit.fluxcd.io/name";
  public static final String HELM_NAMESPACE_LABEL = "helm.toolkit.fluxcd.io/namespace";

  /** A Kustomization's labels. */
  public OwnerLabels(String name, String namespace) {
    this(name, namespace, NAME_LABEL, NAMESPACE_LABEL);
  }

  /** A HelmRelease's labels, as helm-controller's post-renderer stamps them. */
  public static OwnerLabels helm(String name, String namespace) {
    return new OwnerLabels(name, namespace, HELM_NAME_LABEL, HELM_NAMESPACE_LABEL);
  }

  public void applyTo(KubeObject o) {
    o.setLabel(nameLabel, name);
    o.setLabel(namespaceLabel, namespace);
  }

  /** True only when both labels are present with this owner's name and namespace. */
  public boolean ownedBy(Map<String, String> liveLabels) {
    return liveLabels != null && name.equals(liveLabels.get(nameLabel))
        && namespace.equals(liveLabels.get(namespaceLabel));
  }
}
