package io.driftless.build;

import io.driftless.model.KubeObject;
import java.nio.file.Path;
import java.util.List;

/** Renders the manifests at {@code path} (relative to {@code sourceRoot}) into objects. */
public interface ManifestRenderer {
  List<KubeObject> render(Path sourceRoot, String path);
}
