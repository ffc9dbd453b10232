package io.driftless.render.decrypt.age;

import java.util.Base64;

/** Canonical base64 decoding as age requires it: any other encoding of the same bytes is refused. */
final class StrictBase64 {
  private StrictBase64() {}

  /** Unpadded standard base64 (age headers); null when the text is not the canonical encoding. */
  static byte[] decodeRaw(String text) {
    if (text.indexOf('=') >= 0) {
      return null;
    }
    return decode(text, Base64.getEncoder().withoutPadding());
  }

  /** Padded standard base64 (age armor); null when the text is not the canonical encoding. */
  static byte[] decodePadded(String text) {
    if (text.length() % 4 != 0) {
      return null;
    }
    return decode(text, Base64.getEncoder());
  }

  private static byte[] decode(String text, Base64.Encoder canonical) {
    byte[] out;
    try {
      out = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return canonical.encodeToString(out).equals(text) ? out : null;
  }
}
