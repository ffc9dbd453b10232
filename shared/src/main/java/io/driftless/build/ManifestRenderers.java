package io.driftless.build;

import io.driftless.build.kustomize.KustomizeRenderer;

/** The renderer used for plain builds ({@code driftless build DIR}). */
public final class ManifestRenderers {
  private ManifestRenderers() {}

  public static ManifestRenderer defaultRenderer() {
    return new KustomizeRenderer();
  }
}
