package io.driftless.testing;

/**
 * The YAML a Flux repository holds, for tests that lay one out by hand: a Kustomization of the root's
 * source ({@code flux-system}) and small objects to apply.
 */
public final class FluxLayout {
  private FluxLayout() {}

  /**
   * A Kustomization {@code flux-system/<name>} syncing {@code path}, with {@code prune: true};
   * {@code extraSpec} holds more spec lines, each indented by two spaces.
   */
  public static String kustomization(String name, String path, String extraSpec) {
    return """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: %s
          namespace: flux-system
        spec:
          interval: 10m
          path: ./%s
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system
        """.formatted(name, path) + extraSpec;
  }

  public static String configMap(String namespace, String name, String value) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          namespace: %s
        data:
          value: "%s"
        """.formatted(name, namespace, value);
  }
}
