package io.driftless.source.oci;

import java.util.List;
import java.util.Map;

/**
 * An image manifest: its digest ({@code sha256:<hex>}), media type, config type, layers and
 * annotations (Flux's artifacts carry their origin there).
 */
public record OciManifest(String digest, String mediaType, String configMediaType, List<Layer> layers,
    Map<String, String> annotations) {

  public record Layer(String mediaType, String digest, long size, Map<String, String> annotations) {}
}
