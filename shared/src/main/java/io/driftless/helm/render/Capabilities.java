package io.driftless.helm.render;

import java.util.List;

/**
 * What {@code .Capabilities} tells the chart: the Kubernetes version ({@code v1.20.2}; helm-java passes
 * it to Helm, which drops its pre-release part) and, when not empty, the API versions
 * ({@code group/version} and {@code group/version/Kind}) that {@code .Capabilities.APIVersions} answers
 * from instead of Helm's built-in set. A render with a {@link TargetCluster} takes them from its
 * discovery instead (see the package doc).
 */
public record Capabilities(String kubeVersion, List<String> apiVersions) {
  public Capabilities {
    apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
  }
}
