package io.driftless.render.decrypt.sops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** One SOPS value, {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]}, sealed with the data key. */
record EncryptedValue(byte[] data, byte[] iv, byte[] tag, String type) {
  private static final Pattern FORMAT =
      Pattern.compile(
          "^ENC\\[AES256_GCM,data:([A-Za-z0-9+/=]*),iv:([A-Za-z0-9+/=]+),"
              + "tag:([A-Za-z0-9+/=]+),type:(str|int|int64|float|bool|bytes|comment)]$");

  static boolean looksEncrypted(Object value) {
    return value instanceof String s && s.startsWith("ENC[");
  }

  /** Parses the value; a malformed one throws IllegalArgumentException without repeating it. */
  static EncryptedValue parse(String text) {
    Matcher m = FORMAT.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("value is not in the sops ENC[AES256_GCM,…] format");
    }
    try {
      Base64.Decoder d = Base64.getDecoder();
      return new EncryptedValue(d.decode(m.group(1)), d.decode(m.group(2)), d.decode(m.group(3)), m.group(4));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("value has invalid base64 in its ENC[…] fields");
    }
  }

  /** The plaintext bytes; IllegalArgumentException when the key or the path (AAD) is wrong. */
  byte[] open(byte[] dataKey, String aad) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      c.update(data);
      return c.doFinal(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("value does not authenticate with the data key (corrupt or moved value)");
    }
  }

  /** Go's strconv.ParseBool, which sops uses. */
  private static Boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw new IllegalArgumentException("bool value does not parse");
    };
  }

  /** An Integer when it fits, as JSON and YAML readers give small numbers, else a Long. */
  private static Number narrow(long v) {
    if (v == (int) v) {
      return Integer.valueOf((int) v);
    }
    return Long.valueOf(v);
  }

  /** The plaintext as the typed value sops stored: String, Long, Double, Boolean or byte[]. */
  Object openTyped(byte[] dataKey, String aad) {
    byte[] plain = open(dataKey, aad);
    String s = new String(plain, StandardCharsets.UTF_8);
    try {
      return typed(s, plain);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(type + " value does not parse"); // never echo the plaintext
    }
  }

  private Object typed(String s, byte[] plain) {
    return switch (type) {
      case "int", "int64" -> narrow(Long.parseLong(s.strip()));
      case "float" -> Double.parseDouble(s.strip());
      case "bool" -> parseBool(s.strip());
      case "bytes" -> plain;
      default -> s;
    };
  }
}
