package io.driftless.source.oci;

import java.util.List;

/** An image manifest: its digest ({@code sha256:<hex>}), media type, config type and layers. */
public record OciManifest(String digest, String mediaType, String configMediaType, List<Layer> layers) {

  public record Layer(String mediaType, String digest, long size) {}
}
