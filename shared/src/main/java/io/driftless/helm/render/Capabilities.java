package io.driftless.helm.render;

import java.util.List;

/**
 * What {@code .Capabilities} tells the chart, from the target cluster's discovery: the Kubernetes
 * version ({@code v1.20.2}) and the served API versions ({@code group/version} and
 * {@code group/version/Kind}). helm-java 0.0.21 passes only the version to Helm (without its
 * pre-release part): {@code .Capabilities.APIVersions.Has} answers from Helm's built-in set, not these
 * (see the package doc).
 */
public record Capabilities(String kubeVersion, List<String> apiVersions) {
  public Capabilities {
    apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
  }
}
