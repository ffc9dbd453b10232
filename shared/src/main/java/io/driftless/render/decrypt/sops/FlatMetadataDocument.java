package io.driftless.render.decrypt.sops;

import java.util.LinkedHashMap;
import java.util.Map;

/** A line-based format (dotenv, INI) whose metadata is stored as flattened {@code sops} keys. */
abstract class FlatMetadataDocument implements SopsDocument {
  /** Metadata keys without their prefix or section, e.g. {@code age__list_0__map_enc}. */
  protected final Map<String, String> flatMetadata = new LinkedHashMap<>();

  @Override
  public Map<?, ?> metadata() {
    return flatMetadata.isEmpty() ? null : SopsMetadata.unflatten(flatMetadata);
  }
}
