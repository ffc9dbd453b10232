package io.driftless.apply;

import io.driftless.model.KubeObject;
import java.util.Map;

/** The two labels that mark an object as applied by one Kustomization, and the test prune uses. */
public record OwnerLabels(String name, String namespace) {
  public static final String NAME_LABEL = "kustomize.toolkit.fluxcd.io/name";
  public static final String NAMESPACE_LABEL = "kustomize.toolkit.fluxcd.io/namespace";

  public void applyTo(KubeObject o) {
    o.setLabel(NAME_LABEL, name);
    o.setLabel(NAMESPACE_LABEL, namespace);
  }

  /** True only when both labels are present with this Kustomization's name and namespace. */
  public boolean ownedBy(Map<String, String> liveLabels) {
    return liveLabels != null && name.equals(liveLabels.get(NAME_LABEL))
        && namespace.equals(liveLabels.get(NAMESPACE_LABEL));
  }
}
