package io.driftless.pipeline;

import io.driftless.model.KubeObject;
import java.util.List;

/**
 * The Flux objects one Kustomization's successful build contained (already validated): they become
 * work items, not cluster objects.
 */
record Discovered(List<KubeObject> sources, List<KubeObject> kustomizations) {}
