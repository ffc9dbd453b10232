package io.driftless.render.kustomize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ten-character name suffix kustomize gives generated ConfigMaps and Secrets: sha256 over Go's
 * JSON encoding of kind, an empty name, type (Secrets), data and binaryData, with a few hex digits
 * remapped.
 */
final class NameHash {
  private NameHash() {}

  static String of(Map<String, Object> object) {
    Map<String, Object> m = new TreeMap<>();
    String kind = String.valueOf(object.get("kind"));
    m.put("kind", kind);
    m.put("name", "");
    Object data = object.get("data");
    boolean empty = !(data instanceof Map<?, ?> dm) || dm.isEmpty();
    // kustomize hashes a ConfigMap without data as data "", a Secret's as {}
    m.put("data", empty ? ("Secret".equals(kind) ? Map.of() : "") : data);
    if (object.get("binaryData") != null) {
      m.put("binaryData", object.get("binaryData"));
    }
    if ("Secret".equals(kind)) {
      m.put("type", object.getOrDefault("type", ""));
    }
    String hex = sha256(json(m));
    StringBuilder out = new StringBuilder();
    for (char c : hex.substring(0, 10).toCharArray()) {
      out.append(switch (c) {
        case '0' -> 'g';
        case '1' -> 'h';
        case '3' -> 'k';
        case 'a' -> 'm';
        case 'e' -> 't';
        default -> c;
      });
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static String json(Object v) {
    if (v instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder("{");
      new TreeMap<>((Map<String, Object>) map).forEach((k, val) -> {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(quote(k)).append(':').append(json(val));
      });
      return b.append('}').toString();
    }
    if (v instanceof String s) {
      return quote(s);
    }
    return String.valueOf(v);
  }

  /** Go's json string encoding, which also escapes {@code < > &} and U+2028/U+2029. */
  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte x : d) {
        hex.append(String.format("%02x", x));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
