package io.driftless.pipeline;

import io.driftless.model.KubeObject;
import io.driftless.model.helm.HelmObject;
import java.util.List;

/**
 * The Flux objects one Kustomization's successful build contained (already validated): they become
 * work items, not cluster objects. {@code helm} holds the parsed HelmRelease, HelmRepository,
 * HelmChart and OCIRepository objects in build order, {@code helmObjects} the same objects as found;
 * {@code notifications} the Providers and Alerts; {@code receivers} the Flux Receivers (recorded under
 * their webhook digest, {@link ReceiverRegistration}).
 */
record Discovered(
    List<KubeObject> sources, List<KubeObject> kustomizations, List<HelmObject> helm, List<KubeObject> helmObjects,
    List<KubeObject> notifications, List<KubeObject> receivers) {}
