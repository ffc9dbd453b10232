package io.driftless.render;

import io.driftless.model.KubeObject;
import java.util.List;

/** The build's output: the objects in order, and the sha256 digest of their YAML (for history). */
public record BuildResult(List<KubeObject> objects, String digest) {}
