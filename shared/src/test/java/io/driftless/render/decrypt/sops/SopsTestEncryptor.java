package io.driftless.render.decrypt.sops;

import io.driftless.render.decrypt.age.AgeTestEncryptor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes SOPS documents as sops would (AES-256-GCM values bound to their path, MAC, age-wrapped data
 * key). There is no sops binary here; this exists only for tests and the benchmark.
 */
public final class SopsTestEncryptor {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String ageRecipient;
  private final Map<String, Object> options = new LinkedHashMap<>();

  public SopsTestEncryptor(String ageRecipient) {
    this.ageRecipient = ageRecipient;
  }

  /** Sets a sops option: encrypted_regex, unencrypted_regex, encrypted_suffix, unencrypted_suffix, mac_only_encrypted. */
  public SopsTestEncryptor option(String name, Object value) {
    options.put(name, value);
    return this;
  }

  /** A copy of {@code document} with its values encrypted and a {@code sops} section added. */
  public Map<String, Object> encrypt(Map<String, Object> document) {
    Map<String, Object> out = io.driftless.model.KubeObject.copyMap(document);
    byte[] dataKey = new byte[32];
    RANDOM.nextBytes(dataKey);
    Map<String, Object> sopsOptions = new LinkedHashMap<>(options);
    if (options.isEmpty()) {
      sopsOptions.put("unencrypted_suffix", "_unencrypted");
    }
    SopsMetadata meta = SopsMetadata.from(sopsOptions);
    MessageDigest sha = sha512();
    for (Slot slot : new MapDocument(out).slots()) {
      if (slot.value() == null) {
        continue;
      }
      boolean encrypted = meta.rules().encrypts(slot.path());
      byte[] plain = SopsTree.macBytes(slot.value());
      if (encrypted && plain.length > 0) {
        slot.setter().accept(seal(dataKey, plain, slot.aad(), type(slot.value())));
      }
      if (encrypted || !meta.macOnlyEncrypted()) {
        sha.update(plain);
      }
    }
    String lastModified = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String mac = HexFormat.of().withUpperCase().formatHex(sha.digest());
    Map<String, Object> sops = new LinkedHashMap<>();
    List<Object> age = new ArrayList<>();
    age.add(Map.of("recipient", ageRecipient,
        "enc", new String(AgeTestEncryptor.encryptArmored(dataKey, ageRecipient), StandardCharsets.US_ASCII)));
    sops.put("age", age);
    sops.put("lastmodified", lastModified);
    sops.put("mac", seal(dataKey, mac.getBytes(StandardCharsets.US_ASCII), lastModified, "str"));
    sops.putAll(sopsOptions);
    sops.put("version", "3.9.0");
    out.put("sops", sops);
    return out;
  }

  private static String type(Object v) {
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Integer || v instanceof Long) {
      return "int";
    }
    return v instanceof Double ? "float" : "str";
  }

  private static String seal(byte[] key, byte[] plain, String aad, String type) {
    try {
      byte[] iv = new byte[32];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plain);
      Base64.Encoder b64 = Base64.getEncoder();
      return "ENC[AES256_GCM,data:" + b64.encodeToString(java.util.Arrays.copyOf(sealed, sealed.length - 16))
          + ",iv:" + b64.encodeToString(iv)
          + ",tag:" + b64.encodeToString(java.util.Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length))
          + ",type:" + type + "]";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
