package io.driftless.model.helm;

import io.driftless.model.ObjectId;

/**
 * One of Flux's Helm objects (or the ArtifactGenerator that may feed them) found in a build: it
 * becomes Driftless work, never a cluster object.
 */
public sealed interface HelmObject permits HelmRelease, HelmRepository, HelmChart, OCIRepository,
    ArtifactGenerator {
  String kind();

  String name();

  String namespace();

  /** The file the object was read from. */
  String origin();

  /** {@code namespace/name}, how references name it. */
  default String key() {
    return namespace() + "/" + name();
  }

  /** {@code Kind/namespace/name}, as errors name it. */
  default String subject() {
    return ObjectId.subject(kind(), namespace(), name());
  }
}
