package io.driftless.build;

/** The renderer the engine uses. */
public final class ManifestRenderers {
  private ManifestRenderers() {}

  public static ManifestRenderer defaultRenderer() {
    return new PlainRenderer();
  }
}
