package io.driftless.render.decrypt;

import io.driftless.render.decrypt.sops.SopsFiles;
import io.driftless.render.decrypt.sops.SopsFormatException;
import io.driftless.model.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SOPS decryption as kustomize-controller does it during a build: objects carrying {@code sops}
 * metadata, Secret data values that are whole SOPS files, and generator source files.
 */
public final class SopsDecryptor {
  /** The annotation (or label) that opts an object out of decryption. */
  public static final String DECRYPT_ANNOTATION = "kustomize.toolkit.fluxcd.io/decrypt";

  private final DataKeys keys;

  public SopsDecryptor(DecryptionKeys keys) {
    this.keys = new DataKeys(keys);
  }

  /** True when the object carries top-level {@code sops} metadata. */
  public boolean isEncrypted(KubeObject o) {
    return SopsFiles.isEncrypted(o.content());
  }

  /**
   * The decrypted copy of {@code o} without its {@code sops} field; {@code o} itself when it is not
   * encrypted or is annotated {@code kustomize.toolkit.fluxcd.io/decrypt: Disabled}. A Secret whose
   * {@code data} values are base64 of whole SOPS files gets those values decrypted, as Flux does.
   */
  public KubeObject decryptObject(KubeObject o) {
    if (o.hasMetadataValue(DECRYPT_ANNOTATION, "disabled")) {
      return o;
    }
    if (isEncrypted(o)) {
      KubeObject copy = o.deepCopy();
      guard(o.origin(), o.subject(), () -> {
        SopsFiles.decryptMap(copy.content(), keys);
        return null;
      });
      return copy;
    }
    return "Secret".equals(o.kind()) ? decryptDataFiles(o) : o;
  }

  /**
   * The decrypted bytes of a secretGenerator or configMapGenerator source (files and env files), in
   * memory only. The format comes from the extension: .yaml/.yml, .json, .env, .ini, else binary (or
   * dotenv when the content has {@code sops_} keys). Content without SOPS metadata comes back as is.
   */
  public byte[] decryptFile(String file, byte[] content) {
    return guard(file, null, () -> SopsFiles.decryptFile(file, content, keys));
  }

  @SuppressWarnings("unchecked")
  private KubeObject decryptDataFiles(KubeObject o) {
    if (!(o.content().get("data") instanceof Map<?, ?> data)) {
      return o;
    }
    KubeObject copy = null;
    for (Map.Entry<?, ?> e : data.entrySet()) {
      byte[] raw = decodeBase64(e.getValue());
      if (raw == null || !looksLikeSopsFile(raw)) {
        continue;
      }
      String key = String.valueOf(e.getKey());
      byte[] plain = guard(o.origin(), o.subject() + " data." + key, () -> SopsFiles.decryptFile(key, raw, keys));
      copy = copy == null ? o.deepCopy() : copy;
      ((Map<String, Object>) copy.content().get("data")).put(key, Base64.getEncoder().encodeToString(plain));
    }
    return copy == null ? o : copy;
  }

  private static boolean looksLikeSopsFile(byte[] raw) {
    String s = new String(raw, StandardCharsets.UTF_8);
    return s.contains("sops") && s.contains("ENC[AES256_GCM");
  }

  private static byte[] decodeBase64(Object value) {
    try {
      return value instanceof String s ? Base64.getDecoder().decode(s.strip()) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static <T> T guard(String file, String object, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      String where = (file == null || file.isEmpty() ? "<unknown file>" : file) + (object == null ? "" : " (" + object + ")");
      boolean ours =
          e instanceof DecryptionException || e instanceof SopsFormatException || e instanceof IllegalArgumentException;
      String why = ours ? e.getMessage() : e.getClass().getSimpleName();
      throw new DecryptionException("failed to decrypt " + where + ": " + why);
    }
  }
}
