package io.driftless.render.decrypt.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** Bech32 (BIP 173) as age uses it for keys, without the 90-character limit. */
final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  /** A decoded string: human-readable part in lower case and the data bytes. */
  record Decoded(String hrp, byte[] data) {}

  private Bech32() {}

  /** Decodes {@code text}; throws IllegalArgumentException (without echoing the text) when invalid. */
  static Decoded decode(String text) {
    if (!text.equals(text.toLowerCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("mixed-case bech32 string");
    }
    String s = text.toLowerCase(Locale.ROOT);
    int sep = s.lastIndexOf('1');
    if (sep < 1 || sep + 7 > s.length()) {
      throw new IllegalArgumentException("malformed bech32 string");
    }
    String hrp = s.substring(0, sep);
    int[] values = new int[s.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
      if (v < 0) {
        throw new IllegalArgumentException("invalid bech32 character");
      }
      values[i] = v;
    }
    if (polymod(hrp, values, values.length) != 1) {
      throw new IllegalArgumentException("bech32 checksum does not match");
    }
    return new Decoded(hrp, convertBits(values, values.length - 6));
  }

  static String encode(String hrp, byte[] data) {
    int[] five = toFiveBits(data);
    int[] withChecksum = new int[five.length + 6];
    System.arraycopy(five, 0, withChecksum, 0, five.length);
    int mod = polymod(hrp, withChecksum, withChecksum.length) ^ 1;
    for (int i = 0; i < 6; i++) {
      withChecksum[five.length + i] = (mod >>> (5 * (5 - i))) & 31;
    }
    StringBuilder out = new StringBuilder(hrp).append('1');
    for (int v : withChecksum) {
      out.append(CHARSET.charAt(v));
    }
    return out.toString();
  }

  private static int polymod(String hrp, int[] values, int count) {
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) >> 5);
    }
    chk = step(chk, 0);
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) & 31);
    }
    for (int i = 0; i < count; i++) {
      chk = step(chk, values[i]);
    }
    return chk;
  }

  private static int step(int chk, int value) {
    int top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        chk ^= GENERATOR[i];
      }
    }
    return chk;
  }

  private static byte[] convertBits(int[] values, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int acc = 0;
    int bits = 0;
    for (int i = 0; i < count; i++) {
      acc = (acc << 5) | values[i];
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out.write((acc >>> bits) & 0xff);
      }
    }
    if (bits >= 5 || (acc & ((1 << bits) - 1)) != 0) {
      throw new IllegalArgumentException("invalid bech32 padding");
    }
    return out.toByteArray();
  }

  private static int[] toFiveBits(byte[] data) {
    int[] out = new int[(data.length * 8 + 4) / 5];
    int acc = 0;
    int bits = 0;
    int n = 0;
    for (byte b : data) {
      acc = (acc << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out[n++] = (acc >>> bits) & 31;
      }
    }
    if (bits > 0) {
      out[n] = (acc << (5 - bits)) & 31;
    }
    return out;
  }
}
