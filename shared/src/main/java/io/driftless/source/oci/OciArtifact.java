package io.driftless.source.oci;

import java.nio.file.Path;
import java.util.Map;

/**
 * An OCIRepository's artifact as source-controller stores it: {@code revision} ({@code
 * <tag>@sha256:<manifest digest>}, the digest alone for a digest ref), the manifest digest, its
 * annotations (Flux's {@code org.opencontainers.image.source/revision/created}), the selected layer's
 * files under {@code root}, and whether they were extracted (layerSelector {@code extract}, where the
 * source's {@code ignore} applies) or copied as they are ({@code copy}).
 */
public record OciArtifact(String revision, String digest, Map<String, String> annotations, Path root,
    boolean extracted) {}
