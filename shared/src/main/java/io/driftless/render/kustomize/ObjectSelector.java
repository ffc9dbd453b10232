package io.driftless.render.kustomize;

import io.driftless.apply.DriftDetector;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import java.util.List;

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

  /**
   * Flux's {@code ignore} rules ({@code spec.ignore} of a Kustomization, {@code spec.driftDetection.ignore}
   * of a HelmRelease) as the apply stage takes them: a rule without a target selects every object.
   *
   * @throws IllegalArgumentException naming a path that is not a JSON pointer
   */
  public static List<DriftDetector.IgnoreRule> ignoreRules(List<Kustomization.IgnoreRule> rules) {
    return rules == null ? List.of() : rules.stream().map(r -> new DriftDetector.IgnoreRule(r.paths(),
        r.target() == null ? null : o -> matches(r.target(), o))).toList();
  }
}
