package io.driftless.render;

import io.driftless.render.kustomize.KustomizeRenderer;

/** The renderer used for plain builds ({@code driftless build DIR}). */
public final class ManifestRenderers {
  private ManifestRenderers() {}

  public static ManifestRenderer defaultRenderer() {
    return new KustomizeRenderer();
  }
}
