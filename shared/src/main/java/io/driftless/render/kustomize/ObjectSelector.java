package io.driftless.render.kustomize;

import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;

/**
 * A Flux selector ({@code group}, {@code version}, {@code kind}, {@code name}, {@code namespace} as
 * regexes, label and annotation selectors) tested against one object exactly as a kustomize patch
 * target is, for the places outside a build that take such a selector (e.g. drift ignore rules).
 */
public final class ObjectSelector {
  private ObjectSelector() {}

  public static boolean matches(Kustomization.Selector s, KubeObject object) {
    Target target = new Target(s.group(), s.version(), s.kind(), s.name(), s.namespace(), s.labelSelector(),
        s.annotationSelector());
    return target.matches(new Resource(object));
  }
}
