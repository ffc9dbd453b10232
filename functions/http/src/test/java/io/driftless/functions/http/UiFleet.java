package io.driftless.functions.http;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The examples fleet of {@link SandboxFleet} plus a Kustomization whose path does not exist (so one
 * row fails), with the UI token set.
 */
public class UiFleet extends SandboxFleet {
  static final String TOKEN = "ui-test-token";
  static final String BROKEN = """
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata:
        name: broken
        namespace: flux-system
      spec:
        interval: 10m
        path: ./does-not-exist
        prune: true
        sourceRef:
          kind: GitRepository
          name: flux-system
      """;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    try {
      Files.writeString(workTree().resolve("clusters/demo/broken.yaml"), BROKEN);
      commit("a Kustomization whose path is missing");
    } catch (Exception e) {
      throw new IllegalStateException("cannot commit the broken Kustomization", e);
    }
    config.put("driftless.ui.token", TOKEN);
    return config;
  }
}
