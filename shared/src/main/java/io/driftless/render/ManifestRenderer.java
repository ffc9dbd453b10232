package io.driftless.render;

import io.driftless.model.KubeObject;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders the manifests at {@code path} (relative to {@code sourceRoot}) the way {@code kustomize build}
 * does, generating a kustomization when the path has none, as Flux does. Never reads outside
 * {@code sourceRoot}. Errors are {@link io.driftless.model.ManifestException}s naming the file.
 */
public interface ManifestRenderer {

  List<KubeObject> render(Path sourceRoot, String path);
}
