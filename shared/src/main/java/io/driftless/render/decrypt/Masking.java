package io.driftless.render.decrypt;

import io.driftless.model.KubeObject;
import java.util.Map;

/** Output hygiene for {@code driftless build ks}: decrypted Secret values printed as Flux prints them. */
public final class Masking {
  /** What Flux prints in place of a SOPS-decrypted value. */
  public static final String MASK = "**SOPS**";

  private Masking() {}

  /** A copy of {@code secret} with every {@code data} and {@code stringData} value replaced by {@link #MASK}. */
  @SuppressWarnings("unchecked")
  public static KubeObject maskSecretValues(KubeObject secret) {
    KubeObject copy = secret.deepCopy();
    for (String field : new String[] {"data", "stringData"}) {
      if (copy.content().get(field) instanceof Map<?, ?> values) {
        ((Map<String, Object>) values).replaceAll((k, v) -> MASK);
      }
    }
    return copy;
  }
}
