package io.driftless.render.decrypt.sops;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Decrypts the leaves of a SOPS document in place and verifies its MAC, as sops' {@code
 * Tree.Decrypt} does: SHA-512 over every value in document order, compared with the {@code mac}
 * field decrypted with {@code lastmodified} as its additional data.
 */
final class SopsTree {
  private SopsTree() {}

  /**
   * Decrypts every slot with {@code dataKey} and returns the decrypted values. Throws {@link SopsFormatException} naming the key path
   * of a value that does not decrypt, or saying that the MAC is missing or does not match.
   */
  static List<Slot> decrypt(List<Slot> slots, SopsMetadata meta, byte[] dataKey) {
    MessageDigest sha = sha512();
    List<Slot> decrypted = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.comment()) {
        decryptComment(slot, dataKey);
        continue;
      }
      Object value = slot.value();
      if (value == null) {
        continue; // sops neither encrypts nor hashes null values
      }
      boolean encrypted = meta.rules().encrypts(slot.path());
      if (encrypted && !"".equals(value)) { // sops leaves empty strings as they are
        if (!(value instanceof String s)) {
          throw new SopsFormatException(slot.aad(), "value is not encrypted but sops rules say it must be");
        }
        try {
          value = EncryptedValue.parse(s).openTyped(dataKey, slot.aad());
        } catch (IllegalArgumentException e) {
          throw new SopsFormatException(slot.aad(), e.getMessage());
        }
        slot.setter().accept(value);
        decrypted.add(new Slot(slot.path(), value, false, slot.setter()));
      }
      if (encrypted || !meta.macOnlyEncrypted()) {
        sha.update(macBytes(value));
      }
    }
    verifyMac(meta, dataKey, HexFormat.of().withUpperCase().formatHex(sha.digest()));
    return decrypted;
  }

  private static void decryptComment(Slot slot, byte[] dataKey) {
    String text = String.valueOf(slot.value());
    if (!EncryptedValue.looksEncrypted(text.strip())) {
      return;
    }
    try {
      slot.setter().accept(EncryptedValue.parse(text).openTyped(dataKey, slot.aad()));
    } catch (IllegalArgumentException e) {
      throw new SopsFormatException(slot.aad() + " (comment)", e.getMessage());
    }
  }

  private static void verifyMac(SopsMetadata meta, byte[] dataKey, String computed) {
    if (meta.mac() == null) {
      throw new SopsFormatException(null, "file has no sops.mac; refusing unauthenticated values");
    }
    if (meta.lastModified() == null) {
      throw new SopsFormatException(null, "file has no sops.lastmodified to authenticate its MAC");
    }
    String stored;
    try {
      stored = new String(EncryptedValue.parse(meta.mac()).open(dataKey, meta.lastModified()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SopsFormatException(null, "sops.mac does not decrypt: " + e.getMessage());
    }
    if (!MessageDigest.isEqual(
        stored.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
        computed.getBytes(StandardCharsets.US_ASCII))) {
      throw new SopsFormatException(null, "MAC mismatch: the file was modified after it was encrypted");
    }
  }

  /** The bytes sops hashes for a value (its {@code ToBytes}). */
  static byte[] macBytes(Object value) {
    if (value instanceof byte[] b) {
      return b;
    }
    String s;
    if (value == null) {
      s = "";
    } else if (value instanceof Boolean b) {
      s = b ? "True" : "False";
    } else if (value instanceof Double || value instanceof Float) {
      s = formatFloat(((Number) value).doubleValue());
    } else {
      s = value.toString();
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Go's {@code strconv.FormatFloat(f, 'f', -1, 64)}: shortest digits, never an exponent. */
  static String formatFloat(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : d < 0 ? "-Inf" : "NaN";
    }
    String plain = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    return plain.equals("-0") ? "-0" : plain;
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
